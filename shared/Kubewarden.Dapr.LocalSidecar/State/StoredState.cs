using Google.Protobuf;

namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>A value as a state store holds it, with the ETag of the write that stored it.</summary>
internal sealed record StoredState(ByteString Value, string ETag);
