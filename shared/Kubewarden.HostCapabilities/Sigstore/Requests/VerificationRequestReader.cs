using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kubewarden.HostCapabilities.Sigstore.Requests;

/// <summary>
/// Reads the two envelopes of a verification request: v1 names the variant as the only key
/// (<c>{"SigstorePubKeyVerify": {...}}</c>), v2 in a <c>type</c> field next to the fields.
/// </summary>
internal static class VerificationRequestReader
{
    private static readonly string[] V1Variants = ["SigstorePubKeyVerify", "SigstoreKeylessVerify"];

    private static readonly string[] V2Variants =
        ["SigstorePubKeyVerify", "SigstoreKeylessVerify", "SigstoreKeylessPrefixVerify", "SigstoreGithubActionsVerify", "SigstoreCertificateVerify"];

    /// <summary>Reads a v1 payload.</summary>
    /// <exception cref="JsonException">The payload is not a v1 request; the message says why.</exception>
    public static SigstoreVerificationRequest ReadV1(ReadOnlySpan<byte> payload)
    {
        using var document = JsonDocument.Parse(payload.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || root.GetPropertyCount() != 1)
        {
            throw new JsonException($"expected an object with one key, the variant: one of {string.Join(", ", V1Variants)}");
        }

        var variant = root.EnumerateObject().First();
        return Deserialize(variant.Value, variant.Name, V1Variants);
    }

    /// <summary>Reads a v2 payload.</summary>
    /// <exception cref="JsonException">The payload is not a v2 request; the message says why.</exception>
    public static SigstoreVerificationRequest ReadV2(ReadOnlySpan<byte> payload)
    {
        using var document = JsonDocument.Parse(payload.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new JsonException($"missing field `type`: expected one of {string.Join(", ", V2Variants)}");
        }

        return Deserialize(root, type.GetString()!, V2Variants);
    }

    private static SigstoreVerificationRequest Deserialize(JsonElement body, string variant, string[] allowed)
    {
        if (!allowed.Contains(variant, StringComparer.Ordinal))
        {
            throw new JsonException($"unknown variant `{variant}`, expected one of {string.Join(", ", allowed)}");
        }

        var request = (SigstoreVerificationRequest?)body.Deserialize(TypeInfoFor(variant));
        return request ?? throw new JsonException($"`{variant}` must be an object, not null");
    }

    private static JsonTypeInfo TypeInfoFor(string variant) => variant switch
    {
        "SigstorePubKeyVerify" => SigstoreJsonContext.Default.PubKeyVerificationRequest,
        "SigstoreKeylessVerify" => SigstoreJsonContext.Default.KeylessVerificationRequest,
        "SigstoreKeylessPrefixVerify" => SigstoreJsonContext.Default.KeylessPrefixVerificationRequest,
        "SigstoreGithubActionsVerify" => SigstoreJsonContext.Default.GithubActionsVerificationRequest,
        _ => SigstoreJsonContext.Default.CertificateVerificationRequest,
    };
}
