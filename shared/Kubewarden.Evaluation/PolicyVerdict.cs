using Kubewarden.Admission;

namespace Kubewarden.Evaluation;

/// <summary>The answer of one evaluation.</summary>
/// <param name="Response">The AdmissionResponse, before policy-server post-processing (monitor mode, custom message).</param>
/// <param name="PolicyOutput">What the policy wrote back (waPC response, or WASI stdout), for diagnostics.</param>
/// <param name="Failure">Whether the policy failed to answer, and how.</param>
public sealed record PolicyVerdict(AdmissionResponse Response, ReadOnlyMemory<byte> PolicyOutput, EvaluationFailure Failure);
