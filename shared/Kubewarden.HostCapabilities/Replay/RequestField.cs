namespace Kubewarden.HostCapabilities.Replay;

/// <summary>One field of a <see cref="RequestKind"/>, named as kwctl serializes it.</summary>
internal sealed record RequestField(string Name, FieldShape Shape);
