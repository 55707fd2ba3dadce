namespace Kubewarden.Evaluation;

/// <summary>The outcome of calling a policy operation directly (e.g. <c>protocol_version</c>).</summary>
/// <param name="Succeeded">Whether the guest answered.</param>
/// <param name="Output">The answer (waPC response or WASI stdout).</param>
/// <param name="Error">The error text when it did not.</param>
public sealed record GuestCallResult(bool Succeeded, ReadOnlyMemory<byte> Output, string Error);
