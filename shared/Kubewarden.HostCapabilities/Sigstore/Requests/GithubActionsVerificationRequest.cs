using System.Text.Json.Serialization;

namespace Kubewarden.HostCapabilities.Sigstore.Requests;

/// <summary><c>SigstoreGithubActionsVerify</c>: keyless signatures made by GitHub Actions of an owner (and repository).</summary>
internal sealed record GithubActionsVerificationRequest : SigstoreVerificationRequest
{
    /// <summary>The GitHub user or organisation.</summary>
    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    /// <summary>The repository, or null for any repository of the owner.</summary>
    [JsonPropertyName("repo")]
    public string? Repo { get; init; }
}
