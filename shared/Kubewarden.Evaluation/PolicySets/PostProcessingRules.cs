using Kubewarden.Policies;

namespace Kubewarden.Evaluation.PolicySets;

/// <summary>What <see cref="ResponsePostProcessor"/> applies for one policy.</summary>
/// <param name="PolicyId">The policy id (named in the mutation rejection).</param>
/// <param name="Mode">Protect or monitor.</param>
/// <param name="AllowedToMutate">Whether a patch may reach the API server.</param>
/// <param name="CustomMessage">The policy's <c>message</c>, replacing the rejection message.</param>
public sealed record PostProcessingRules(string PolicyId, PolicyMode Mode, bool AllowedToMutate, string? CustomMessage);
