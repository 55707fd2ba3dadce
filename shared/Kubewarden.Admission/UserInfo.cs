namespace Kubewarden.Admission;

/// <summary>
/// The authenticated user that issued an admission request. All members are optional.
/// </summary>
/// <remarks>
/// Serialized like Kubernetes' <c>authentication/v1 UserInfo</c> in k8s-openapi: members in
/// alphabetical order (<c>extra</c>, <c>groups</c>, <c>uid</c>, <c>username</c>), absent members
/// omitted, <c>extra</c> keys sorted ordinally.
/// </remarks>
public sealed record UserInfo
{
    /// <summary>The user name.</summary>
    public string? Username { get; init; }

    /// <summary>The user's unique identifier.</summary>
    public string? Uid { get; init; }

    /// <summary>The groups the user belongs to.</summary>
    public string[]? Groups { get; init; }

    /// <summary>Additional information provided by the authenticator.</summary>
    public IReadOnlyDictionary<string, string[]>? Extra { get; init; }
}
