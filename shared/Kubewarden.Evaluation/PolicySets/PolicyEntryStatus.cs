namespace Kubewarden.Evaluation.PolicySets;

/// <summary>How one policy (or group member, as <c>group/member</c>) of the loaded set stands.</summary>
/// <param name="Id">The policy id.</param>
/// <param name="Ready">Loaded and serving; false = it answers with <paramref name="Message"/>.</param>
/// <param name="Message">Why it failed to load.</param>
/// <param name="ModuleDigest">SHA-256 of its module, when it was read.</param>
public sealed record PolicyEntryStatus(string Id, bool Ready, string? Message, string? ModuleDigest);
