namespace Kubewarden.Evaluation.Wapc;

/// <summary>The outcome of a waPC call at the bare protocol level.</summary>
/// <param name="Failure">What went wrong, or <see cref="WapcFailure.None"/>.</param>
/// <param name="Response">The guest response (empty on failure).</param>
/// <param name="Error">The error text, e.g. <c>Guest call failure: ...</c> (empty on success).</param>
public readonly record struct WapcCallResult(WapcFailure Failure, ReadOnlyMemory<byte> Response, string Error)
{
    /// <summary>True when the guest answered with a response.</summary>
    public bool Succeeded => Failure == WapcFailure.None;
}
