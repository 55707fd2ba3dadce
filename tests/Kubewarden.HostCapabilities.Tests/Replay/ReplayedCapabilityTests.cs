using System.Text;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Metadata;
using Kubewarden.HostCapabilities.Replay;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.HostCapabilities.Tests.Replay;

/// <summary>Guest calls of every capability matched against recorded requests of every kind kwctl records.</summary>
public sealed class ReplayedCapabilityTests : IDisposable
{
    // One exchange per request kind, as kwctl's serde_yaml writes them: the kind as a tag, None as null, strings that
    // would read as something else quoted.
    private const string Session = """
        - type: Exchange
          request: |
            !OciManifestDigest
            image: docker.io/library/busybox:1.36
          response:
            type: Success
            payload: '{"digest":"sha256:busybox"}'
        - type: Exchange
          request: |
            !OciManifest
            image: ghcr.io/kubewarden/policy:v1
          response:
            type: Success
            payload: '{"schemaVersion":2}'
        - type: Exchange
          request: |
            !OciManifestAndConfig
            image: ghcr.io/kubewarden/policy:v1
          response:
            type: Success
            payload: '{"manifest":{},"digest":"sha256:cfg","config":{}}'
        - type: Exchange
          request: |
            !SigstorePubKeyVerify
            image: ghcr.io/kubewarden/signed:v1
            pub_keys:
            - |-
              -----BEGIN PUBLIC KEY-----
              abc
              -----END PUBLIC KEY-----
            annotations: null
          response:
            type: Success
            payload: '{"is_trusted":true,"digest":"sha256:pubkey"}'
        - type: Exchange
          request: |
            !SigstoreKeylessVerify
            image: ghcr.io/kubewarden/signed:v1
            keyless:
            - issuer: https://github.com/login/oauth
              subject: alice@example.com
            annotations:
              env: prod
          response:
            type: Success
            payload: '{"is_trusted":true,"digest":"sha256:keyless"}'
        - type: Exchange
          request: |
            !SigstoreKeylessPrefixVerify
            image: ghcr.io/kubewarden/signed:v1
            keyless_prefix:
            - issuer: https://token.actions.githubusercontent.com
              url_prefix: https://github.com/kubewarden/
            annotations: null
          response:
            type: Success
            payload: '{"is_trusted":true,"digest":"sha256:prefix"}'
        - type: Exchange
          request: |
            !SigstoreGithubActionsVerify
            image: ghcr.io/kubewarden/signed:v1
            owner: kubewarden
            repo: null
            annotations: null
          response:
            type: Success
            payload: '{"is_trusted":true,"digest":"sha256:gha"}'
        - type: Exchange
          request: |
            !SigstoreCertificateVerify
            image: ghcr.io/kubewarden/signed:v1
            certificate:
            - 45
            - 45
            certificate_chain: null
            require_rekor_bundle: true
            annotations: null
          response:
            type: Success
            payload: '{"is_trusted":true,"digest":"sha256:cert"}'
        - type: Exchange
          request: |
            !DNSLookupHost
            host: kubewarden.io
          response:
            type: Success
            payload: '{"ips":["192.0.2.1"]}'
        - type: Exchange
          request: |
            !KubernetesListResourceNamespace
            api_version: v1
            kind: Pod
            namespace: default
            label_selector: app=web
            field_selector: null
            field_masks:
            - metadata.name
            - spec.containers.image
          response:
            type: Success
            payload: '{"kind":"PodList","items":[]}'
        - type: Exchange
          request: |
            !KubernetesListResourceAll
            api_version: v1
            kind: Namespace
            label_selector: null
            field_selector: null
          response:
            type: Success
            payload: '{"kind":"NamespaceList","items":[]}'
        - type: Exchange
          request: |
            !KubernetesGetResource
            api_version: apps/v1
            kind: Deployment
            name: web
            namespace: default
            disable_cache: false
            field_masks: null
          response:
            type: Success
            payload: '{"kind":"Deployment"}'
        - type: Exchange
          request: |
            !KubernetesCanI
            request:
              groups: null
              resource_attributes:
                group: ''
                name: null
                namespace: default
                resource: pods
                subresource: null
                verb: create
                version: v1
              user: alice
            disable_cache: true
          response:
            type: Success
            payload: '{"allowed":true}'
        - type: Exchange
          request: |
            !CryptoIsCertificateTrusted
            request:
              cert:
                encoding: Pem
                data:
                - 1
                - 2
              cert_chain: null
              not_after: 2030-01-01T00:00:00Z
          response:
            type: Success
            payload: '{"trusted":true,"reason":""}'
        - type: Exchange
          request: |
            !DNSLookupHost
            host: unknown.example
          response:
            type: Error
            message: 'Failed to retrieve DNS lookup IPs: no such host'
        """;

    private static readonly PolicyContext ContextAware = ReplayHarness.Policy(
        new ContextAwareResource("v1", "Pod"), new ContextAwareResource("v1", "Namespace"), new ContextAwareResource("apps/v1", "Deployment"));

    private readonly ReplayHarness _replay = new(Session);

    public static TheoryData<string, string, string> RecordedCalls => new()
    {
        { "oci/v1/manifest_digest", "\"docker.io/library/busybox:1.36\"", "{\"digest\":\"sha256:busybox\"}" },
        { "oci/v1/oci_manifest", "\"ghcr.io/kubewarden/policy:v1\"", "{\"schemaVersion\":2}" },
        { "oci/v1/oci_manifest_config", "\"ghcr.io/kubewarden/policy:v1\"", "{\"manifest\":{},\"digest\":\"sha256:cfg\",\"config\":{}}" },
        // v1/verify: the externally tagged envelope; an absent annotations equals a recorded null.
        {
            "oci/v1/verify",
            """{"SigstorePubKeyVerify":{"image":"ghcr.io/kubewarden/signed:v1","pub_keys":["-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----"]}}""",
            "{\"is_trusted\":true,\"digest\":\"sha256:pubkey\"}"
        },
        {
            "oci/v2/verify",
            """{"type":"SigstorePubKeyVerify","image":"ghcr.io/kubewarden/signed:v1","pub_keys":["-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----"],"annotations":null}""",
            "{\"is_trusted\":true,\"digest\":\"sha256:pubkey\"}"
        },
        {
            "oci/v2/verify",
            """{"type":"SigstoreKeylessVerify","image":"ghcr.io/kubewarden/signed:v1","keyless":[{"subject":"alice@example.com","issuer":"https://github.com/login/oauth"}],"annotations":{"env":"prod"}}""",
            "{\"is_trusted\":true,\"digest\":\"sha256:keyless\"}"
        },
        {
            "oci/v2/verify",
            """{"type":"SigstoreKeylessPrefixVerify","image":"ghcr.io/kubewarden/signed:v1","keyless_prefix":[{"issuer":"https://token.actions.githubusercontent.com","url_prefix":"https://github.com/kubewarden/"}]}""",
            "{\"is_trusted\":true,\"digest\":\"sha256:prefix\"}"
        },
        {
            "oci/v2/verify",
            """{"type":"SigstoreGithubActionsVerify","image":"ghcr.io/kubewarden/signed:v1","owner":"kubewarden","repo":null,"annotations":null}""",
            "{\"is_trusted\":true,\"digest\":\"sha256:gha\"}"
        },
        {
            "oci/v2/verify",
            """{"type":"SigstoreCertificateVerify","image":"ghcr.io/kubewarden/signed:v1","certificate":[45,45],"certificate_chain":null,"require_rekor_bundle":true,"annotations":null}""",
            "{\"is_trusted\":true,\"digest\":\"sha256:cert\"}"
        },
        { "net/v1/dns_lookup_host", "\"kubewarden.io\"", "{\"ips\":[\"192.0.2.1\"]}" },
        // field_masks is a set: any order; field_selector absent equals the recorded null.
        {
            "kubernetes/list_resources_by_namespace",
            """{"api_version":"v1","kind":"Pod","namespace":"default","label_selector":"app=web","field_masks":["spec.containers.image","metadata.name"]}""",
            "{\"kind\":\"PodList\",\"items\":[]}"
        },
        // A session recorded before field_masks existed: a null field_masks matches.
        {
            "kubernetes/list_resources_all",
            """{"api_version":"v1","kind":"Namespace","label_selector":null,"field_selector":null,"field_masks":null}""",
            "{\"kind\":\"NamespaceList\",\"items\":[]}"
        },
        {
            "kubernetes/get_resource",
            """{"api_version":"apps/v1","kind":"Deployment","name":"web","namespace":"default","disable_cache":false}""",
            "{\"kind\":\"Deployment\"}"
        },
        {
            "kubernetes/can_i",
            """{"subject_access_review":{"groups":null,"resource_attributes":{"group":"","namespace":"default","resource":"pods","verb":"create","version":"v1"},"user":"alice"},"disable_cache":true}""",
            "{\"allowed\":true}"
        },
        {
            "crypto/v1/is_certificate_trusted",
            """{"cert":{"encoding":"Pem","data":[1,2]},"cert_chain":null,"not_after":"2030-01-01T00:00:00Z"}""",
            "{\"trusted\":true,\"reason\":\"\"}"
        },
    };

    [Theory]
    [MemberData(nameof(RecordedCalls))]
    public void RecordedRequest_IsAnsweredWithTheRecordedPayload_EveryTime(string capability, string payload, string answer)
    {
        for (var i = 0; i < 3; i++)
        {
            var result = _replay.Call(capability, payload, ContextAware);

            Assert.True(result.Succeeded, result.Error);
            Assert.Equal(answer, Encoding.UTF8.GetString(result.Payload.Span));
        }
    }

    [Fact]
    public void Session_CountsItsExchanges()
    {
        Assert.Equal(15, _replay.Session.ExchangeCount);
        Assert.Equal(_replay.FilePath, _replay.Session.File);
    }

    [Fact]
    public void RecordedError_ReachesTheGuestAsACallbackFailure()
    {
        var result = _replay.Call("net/v1/dns_lookup_host", "\"unknown.example\"");

        Assert.False(result.Succeeded);
        Assert.Equal("Callback evaluation failure: Failed to retrieve DNS lookup IPs: no such host", result.Error);
    }

    [Fact]
    public void UnrecordedRequest_FailsNamingTheSessionAndTheRequest()
    {
        var result = _replay.Call("oci/v1/manifest_digest", "\"docker.io/library/busybox:1.37\"");

        Assert.False(result.Succeeded);
        Assert.Equal(
            $"Callback evaluation failure: the replay session {_replay.FilePath} has no recorded answer for " +
            "OciManifestDigest {\"image\":\"docker.io/library/busybox:1.37\"}",
            result.Error);
    }

    [Theory]
    [InlineData("kubernetes/list_resources_by_namespace", """{"api_version":"v1","kind":"Pod","namespace":"default","label_selector":"app=db","field_masks":["metadata.name","spec.containers.image"]}""", "KubernetesListResourceNamespace {\"api_version\":\"v1\",\"kind\":\"Pod\",\"namespace\":\"default\",\"label_selector\":\"app=db\",\"field_masks\":[\"metadata.name\",\"spec.containers.image\"]}")]
    [InlineData("kubernetes/list_resources_by_namespace", """{"api_version":"v1","kind":"Pod","namespace":"default","label_selector":"app=web","field_masks":["metadata.name"]}""", "field_masks\":[\"metadata.name\"]}")]
    [InlineData("kubernetes/get_resource", """{"api_version":"apps/v1","kind":"Deployment","name":"web","namespace":"default","disable_cache":true}""", "\"disable_cache\":true")]
    [InlineData("oci/v2/verify", """{"type":"SigstoreKeylessVerify","image":"ghcr.io/kubewarden/signed:v1","keyless":[{"subject":"alice@example.com","issuer":"https://github.com/login/oauth"}],"annotations":null}""", "SigstoreKeylessVerify {")]
    [InlineData("kubernetes/can_i", """{"subject_access_review":{"groups":null,"resource_attributes":{"group":"","namespace":"default","resource":"pods","verb":"create","version":"v1"},"user":"alice"},"disable_cache":false}""", "KubernetesCanI {")]
    public void RequestDifferingInOneField_IsNotAnswered(string capability, string payload, string named)
    {
        var result = _replay.Call(capability, payload, ContextAware);

        Assert.False(result.Succeeded);
        Assert.StartsWith($"Callback evaluation failure: the replay session {_replay.FilePath} has no recorded answer for ", result.Error, StringComparison.Ordinal);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SameRequestRecordedTwice_TheFirstExchangeAnswers()
    {
        using var replay = new ReplayHarness("""
            - type: Exchange
              request: "!DNSLookupHost\nhost: a.example\n"
              response: {type: Error, message: first}
            - type: Exchange
              request: "!DNSLookupHost\nhost: a.example\n"
              response: {type: Success, payload: second}
            """);

        Assert.Equal("Callback evaluation failure: first", replay.Call("net/v1/dns_lookup_host", "\"a.example\"").Error);
    }

    [Fact]
    public void YamlScalars_MatchTheJsonValueTheySpell()
    {
        using var replay = new ReplayHarness("""
            - type: Exchange
              request: |
                !SigstoreCertificateVerify
                image: "1.0"
                certificate: [45.0, 45]
                certificate_chain: ~
                require_rekor_bundle: True
              response: {type: Success, payload: certificate}
            - type: Exchange
              request: "!DNSLookupHost\nhost: 1234\n"
              response: {type: Success, payload: host}
            """);

        var certificate = replay.Call(
            "oci/v2/verify", """{"type":"SigstoreCertificateVerify","image":"1.0","certificate":[45,45],"require_rekor_bundle":true}""");
        var host = replay.Call("net/v1/dns_lookup_host", "\"1234\"");

        Assert.Equal("certificate", Encoding.UTF8.GetString(certificate.Payload.Span));
        Assert.Equal("host", Encoding.UTF8.GetString(host.Payload.Span));
    }

    [Fact]
    public void QuotedYamlText_DoesNotMatchAJsonBoolean()
    {
        using var replay = new ReplayHarness("""
            - type: Exchange
              request: "!KubernetesGetResource\napi_version: v1\nkind: Pod\nname: p\ndisable_cache: 'yes'\n"
              response: {type: Success, payload: pod}
            """);

        var result = replay.Call(
            "kubernetes/get_resource", """{"api_version":"v1","kind":"Pod","name":"p","disable_cache":true}""", ReplayHarness.Policy(new ContextAwareResource("v1", "Pod")));

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void RequestInOlderKwctlFormat_KindAsTheOnlyKey_IsRead()
    {
        using var replay = new ReplayHarness("""
            ---
            - type: Exchange
              request: "---\nOciManifestDigest:\n  image: busybox\n"
              response: {type: Success, payload: '{"digest":"sha256:old"}'}
            """);

        Assert.True(replay.Call("oci/v1/manifest_digest", "\"busybox\"").Succeeded);
    }

    [Theory]
    [InlineData("kubernetes/list_resources_by_namespace", """{"api_version":"v1","kind":"Pod","namespace":"default","label_selector":"app=web"}""", "v1/Pod")]
    [InlineData("kubernetes/list_resources_all", """{"api_version":"v1","kind":"Namespace"}""", "v1/Namespace")]
    [InlineData("kubernetes/get_resource", """{"api_version":"apps/v1","kind":"Deployment","name":"web","namespace":"default","disable_cache":false}""", "apps/v1/Deployment")]
    public void KubernetesRead_NotInContextAwareResources_IsDeniedBeforeTheSession(string capability, string payload, string resource)
    {
        var result = _replay.Call(capability, payload, ReplayHarness.Policy(new ContextAwareResource("v1", "Service")));

        Assert.False(result.Succeeded);
        Assert.Equal($"Policy has not been granted access to Kubernetes {resource} resources. The violation has been reported.", result.Error);
    }

    [Fact]
    public void CanI_IsNotGatedByContextAwareResources()
    {
        var result = _replay.Call(
            "kubernetes/can_i",
            """{"subject_access_review":{"groups":null,"resource_attributes":{"group":"","namespace":"default","resource":"pods","verb":"create","version":"v1"},"user":"alice"},"disable_cache":true}""",
            ReplayHarness.Policy());

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public void CapabilityNotGranted_IsDeniedByTheDispatcherFirst()
    {
        var policy = new PolicyContext("policy", HostCapabilityAllowList.Parse(["net/*"]), []);

        var result = _replay.Call("oci/v1/manifest_digest", "\"docker.io/library/busybox:1.36\"", policy);

        Assert.Equal(
            "Policy has not been granted access to the 'oci/v1/manifest_digest' host capability. The violation has been reported.",
            result.Error);
    }

    [Theory]
    [InlineData("oci/v1/manifest_digest", "{\"image\":\"busybox\"}", "invalid oci/v1/manifest_digest payload: expected a JSON string (image), got Object")]
    [InlineData("oci/v2/verify", "{\"type\":\"SigstoreMagic\",\"image\":\"busybox\"}", "invalid oci/v2/verify payload: unknown variant `SigstoreMagic`")]
    [InlineData("oci/v1/verify", "{\"SigstoreGithubActionsVerify\":{\"image\":\"busybox\",\"owner\":\"o\"}}", "unknown variant `SigstoreGithubActionsVerify`, expected one of `SigstorePubKeyVerify`, `SigstoreKeylessVerify`")]
    [InlineData("kubernetes/get_resource", "{\"api_version\":\"v1\",\"kind\":\"Pod\",\"name\":\"p\"}", "invalid kubernetes/get_resource payload: missing field `disable_cache`")]
    [InlineData("net/v1/dns_lookup_host", "not json", "the net/v1/dns_lookup_host payload is not JSON")]
    [InlineData("kubernetes/can_i", "{\"disable_cache\":true}", "invalid kubernetes/can_i payload: missing field `subject_access_review`")]
    [InlineData("kubernetes/can_i", "{\"subject_access_review\":{}}", "invalid kubernetes/can_i payload: missing field `disable_cache`")]
    public void UnreadablePayload_FailsWithTheReason(string capability, string payload, string error)
    {
        var result = _replay.Call(capability, payload, ContextAware);

        Assert.False(result.Succeeded);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Handlers_AreEveryGatedCapabilityAndNotTracing()
    {
        var capabilities = new ReplayedHostCapabilities(_replay.Session, NullLogger<ReplayedHostCapabilities>.Instance);

        Assert.Equal(
            HostCapabilityTree.Leaves.Order(StringComparer.Ordinal),
            capabilities.Handlers.Select(handler => $"{handler.Namespace}/{handler.Operation}"));
    }

    public void Dispose() => _replay.Dispose();
}
