using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>
/// Turns a guest's host call (capability path and JSON payload, spec §2.4) into the typed request Kubewarden builds
/// from it, the one kwctl records.
/// </summary>
internal static class GuestRequestReader
{
    private static readonly RequestKind[] VerifyV1Kinds = [RequestKinds.SigstorePubKeyVerify, RequestKinds.SigstoreKeylessVerify];

    private static readonly RequestKind[] VerifyV2Kinds =
    [
        RequestKinds.SigstorePubKeyVerify, RequestKinds.SigstoreKeylessVerify, RequestKinds.SigstoreKeylessPrefixVerify,
        RequestKinds.SigstoreGithubActionsVerify, RequestKinds.SigstoreCertificateVerify,
    ];

    /// <summary>Reads the call; a payload Kubewarden could not read either gives the reason in <paramref name="error"/>.</summary>
    public static bool TryRead(
        string capability, ReadOnlySpan<byte> payload, [NotNullWhen(true)] out CapabilityRequest? request, out string error)
    {
        request = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray());
        }
        catch (JsonException e)
        {
            error = $"the {capability} payload is not JSON: {e.Message}";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            var parsed = capability switch
            {
                "oci/v1/verify" => ExternallyTagged(root, VerifyV1Kinds),
                "oci/v2/verify" => InternallyTagged(root, VerifyV2Kinds),
                "oci/v1/manifest_digest" => Text(root, RequestKinds.OciManifestDigest, "image"),
                "oci/v1/oci_manifest" => Text(root, RequestKinds.OciManifest, "image"),
                "oci/v1/oci_manifest_config" => Text(root, RequestKinds.OciManifestAndConfig, "image"),
                "net/v1/dns_lookup_host" => Text(root, RequestKinds.DnsLookupHost, "host"),
                "crypto/v1/is_certificate_trusted" => Object(root, RequestKinds.CryptoIsCertificateTrusted, fields => Wrap(("request", fields))),
                "kubernetes/list_resources_by_namespace" => Object(root, RequestKinds.KubernetesListResourceNamespace, fields => fields),
                "kubernetes/list_resources_all" => Object(root, RequestKinds.KubernetesListResourceAll, fields => fields),
                "kubernetes/get_resource" => Object(root, RequestKinds.KubernetesGetResource, fields => fields),
                "kubernetes/can_i" => CanI(root),
                _ => Parsed.Failed($"{capability} is not a capability kwctl records"),
            };

            if (parsed.Kind is null || parsed.Fields is null)
            {
                error = $"invalid {capability} payload: {parsed.Problem}";
                return false;
            }

            if (parsed.Kind.Problem(parsed.Fields, unknownAllowed: true) is { } problem)
            {
                error = $"invalid {capability} payload: {problem}";
                return false;
            }

            request = parsed.Kind.Request(parsed.Fields);
            error = string.Empty;
            return true;
        }
    }

    private static Parsed Text(JsonElement root, RequestKind kind, string field) => root.ValueKind == JsonValueKind.String
        ? new Parsed(kind, Wrap((field, ReplayValueReader.FromJson(root))), null)
        : Parsed.Failed($"expected a JSON string ({field}), got {root.ValueKind}");

    private static Parsed Object(JsonElement root, RequestKind kind, Func<MappingValue, MappingValue> fields) =>
        ReplayValueReader.FromJson(root) is MappingValue mapping
            ? new Parsed(kind, fields(mapping), null)
            : Parsed.Failed($"expected a JSON object, got {root.ValueKind}");

    /// <summary><c>{"&lt;Kind&gt;": {fields}}</c> (the <c>v1/verify</c> envelope).</summary>
    private static Parsed ExternallyTagged(JsonElement root, RequestKind[] kinds)
    {
        if (ReplayValueReader.FromJson(root) is MappingValue { Members.Count: 1 } mapping
            && mapping.Members.Single() is var (name, value)
            && value is MappingValue fields)
        {
            return kinds.FirstOrDefault(kind => kind.Name == name) is { } kind
                ? new Parsed(kind, fields, null)
                : Parsed.Failed($"unknown variant `{name}`, expected one of {Names(kinds)}");
        }

        return Parsed.Failed($"expected a JSON object with one member, one of {Names(kinds)}");
    }

    /// <summary><c>{"type": "&lt;Kind&gt;", fields...}</c> (the <c>v2/verify</c> envelope).</summary>
    private static Parsed InternallyTagged(JsonElement root, RequestKind[] kinds)
    {
        if (ReplayValueReader.FromJson(root) is not MappingValue fields || fields["type"] is not ScalarValue { Kind: ScalarKind.String } type)
        {
            return Parsed.Failed($"expected a JSON object whose \"type\" is one of {Names(kinds)}");
        }

        var rest = new MappingValue(fields.Members.Where(member => member.Key != "type").ToDictionary(StringComparer.Ordinal));
        return kinds.FirstOrDefault(kind => kind.Name == type.Text) is { } kind
            ? new Parsed(kind, rest, null)
            : Parsed.Failed($"unknown variant `{type.Text}`, expected one of {Names(kinds)}");
    }

    /// <summary>Kubewarden records <c>subject_access_review</c> as the field <c>request</c>.</summary>
    private static Parsed CanI(JsonElement root)
    {
        if (ReplayValueReader.FromJson(root) is not MappingValue payload)
        {
            return Parsed.Failed($"expected a JSON object, got {root.ValueKind}");
        }

        if (!payload.Members.TryGetValue("subject_access_review", out var review))
        {
            return Parsed.Failed("missing field `subject_access_review`");
        }

        var fields = new Dictionary<string, ReplayValue>(StringComparer.Ordinal) { ["request"] = review };
        if (payload.Members.TryGetValue("disable_cache", out var disableCache))
        {
            fields["disable_cache"] = disableCache;
        }

        return new Parsed(RequestKinds.KubernetesCanI, new MappingValue(fields), null);
    }

    private static MappingValue Wrap((string Name, ReplayValue Value) field) =>
        new(new Dictionary<string, ReplayValue>(StringComparer.Ordinal) { [field.Name] = field.Value });

    private static string Names(RequestKind[] kinds) => string.Join(", ", kinds.Select(kind => $"`{kind.Name}`"));

    private readonly record struct Parsed(RequestKind? Kind, MappingValue? Fields, string? Problem)
    {
        public static Parsed Failed(string problem) => new(null, null, problem);
    }
}
