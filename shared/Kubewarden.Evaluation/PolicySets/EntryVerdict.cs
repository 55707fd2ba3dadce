using Kubewarden.Admission;

namespace Kubewarden.Evaluation.PolicySets;

/// <summary>The answer of a policy or group to one request.</summary>
/// <param name="Response">What the client receives (post-processed unless the route is <c>/audit</c>).</param>
/// <param name="Unprocessed">The raw verdict, before post-processing (metrics are computed from it).</param>
/// <param name="Failure">Whether evaluation failed, and how.</param>
public sealed record EntryVerdict(AdmissionResponse Response, AdmissionResponse Unprocessed, EvaluationFailure Failure);
