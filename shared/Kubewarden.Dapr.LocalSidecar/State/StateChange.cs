using Google.Protobuf;

namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>A checked change for a storage to apply: a value and its new ETag, or (both null) a delete.</summary>
internal sealed record StateChange(string Key, ByteString? Value, string? ETag)
{
    public bool IsDelete => Value is null;
}
