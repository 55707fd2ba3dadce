using Google.Protobuf;

namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>
/// A write or a delete as a client asked for it, with the concurrency conditions to check
/// before it applies.
/// </summary>
/// <param name="Key">The key written or deleted.</param>
/// <param name="Value">The new value; null for a delete.</param>
/// <param name="ETag">The ETag the client sent; null when it sent none.</param>
/// <param name="FirstWrite">Whether the client asked for first-write concurrency.</param>
internal sealed record StateMutation(string Key, ByteString? Value, string? ETag, bool FirstWrite);
