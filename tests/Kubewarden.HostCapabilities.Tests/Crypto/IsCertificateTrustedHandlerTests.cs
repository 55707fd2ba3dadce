using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Kubewarden.HostCapabilities.Crypto;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.HostCapabilities.Tests.Crypto;

public sealed class IsCertificateTrustedHandlerTests
{
    private const string Trusted = """{"trusted":true,"reason":""}""";
    private const string NotTrustedByChain = """{"trusted":false,"reason":"Certificate is not trusted by the provided cert chain"}""";
    private const string UsedAfterExpiration = """{"trusted":false,"reason":"Certificate is being used after its expiration date"}""";
    private const string UsedBeforeValidity = """{"trusted":false,"reason":"Certificate is being used before its validity date"}""";

    private readonly IsCertificateTrustedHandler _handler = new(TimeProvider.System, NullLogger<IsCertificateTrustedHandler>.Instance);

    [Fact]
    public void LeafIssuedByAnIntermediate_IsTrusted_WithTheChain()
    {
        using var root = TestChain.Root();
        using var intermediate = TestChain.Ca("intermediate.kubewarden.io", TestChain.Now.AddYears(-1), TestChain.Now.AddYears(2), root);
        using var leaf = TestChain.Leaf(intermediate);

        Assert.Equal(Trusted, Check(leaf, [intermediate, root]));
    }

    [Fact]
    public void LeafIssuedByTheAnchor_IsTrusted_InDerAsInPem()
    {
        using var root = TestChain.Root();
        using var leaf = TestChain.Leaf(root);

        Assert.Equal(Trusted, Check(leaf, [root], encoding: "Der"));
        Assert.Equal(Trusted, Check(leaf, [root], encoding: "Pem"));
    }

    [Fact]
    public void AnotherAnchor_IsNotTrusted()
    {
        using var root = TestChain.Root();
        using var intermediate = TestChain.Ca("intermediate.kubewarden.io", TestChain.Now.AddYears(-1), TestChain.Now.AddYears(2), root);
        using var leaf = TestChain.Leaf(intermediate);
        using var otherRoot = TestChain.Root("root2.kubewarden.io");

        Assert.Equal(NotTrustedByChain, Check(leaf, [otherRoot]));
        Assert.Equal(NotTrustedByChain, Check(leaf, [root]));
        Assert.Equal(NotTrustedByChain, Check(leaf, []));
    }

    [Fact]
    public void WithoutAChain_TheSystemRootsDecide()
    {
        using var root = TestChain.Root();
        using var leaf = TestChain.Leaf(root);

        Assert.Equal(NotTrustedByChain, Check(leaf, chain: null));
    }

    [Fact]
    public void ExpiredLeaf_IsUsedAfterItsExpiration_WithOrWithoutAChain()
    {
        using var root = TestChain.Root();
        using var leaf = TestChain.Leaf("endentity.kubewarden.io", TestChain.Now.AddYears(-1), TestChain.Now.AddDays(-10), root);

        Assert.Equal(UsedAfterExpiration, Check(leaf, [root]));
        Assert.Equal(UsedAfterExpiration, Check(leaf, chain: null));
    }

    [Fact]
    public void NotYetValidLeaf_IsUsedBeforeItsValidity()
    {
        using var root = TestChain.Root();
        using var leaf = TestChain.Leaf("endentity.kubewarden.io", TestChain.Now.AddDays(10), TestChain.Now.AddYears(1), root);

        Assert.Equal(UsedBeforeValidity, Check(leaf, [root]));
    }

    [Fact]
    public void ExpiredIntermediate_IsUsedAfterItsExpiration_ButAnExpiredAnchorIsNotChecked()
    {
        using var root = TestChain.Root();
        using var expiredIntermediate = TestChain.Ca("intermediate.kubewarden.io", TestChain.Now.AddYears(-1), TestChain.Now.AddDays(-10), root);
        using var leafOfExpired = TestChain.Leaf("endentity.kubewarden.io", TestChain.Now.AddYears(-1), TestChain.Now.AddYears(1), expiredIntermediate);
        using var expiredRoot = TestChain.Ca("root.kubewarden.io", TestChain.Now.AddYears(-1), TestChain.Now.AddDays(-10));
        using var intermediate = TestChain.Ca("intermediate.kubewarden.io", TestChain.Now.AddYears(-1), TestChain.Now.AddYears(1), expiredRoot);
        using var leaf = TestChain.Leaf("endentity.kubewarden.io", TestChain.Now.AddYears(-1), TestChain.Now.AddYears(1), intermediate);

        Assert.Equal(UsedAfterExpiration, Check(leafOfExpired, [expiredIntermediate, root]));
        Assert.Equal(Trusted, Check(leaf, [intermediate, expiredRoot]));
    }

    [Fact]
    public void NotAfter_IsTheVerificationTime()
    {
        using var root = TestChain.Root();
        using var leaf = TestChain.Leaf(root);
        using var expired = TestChain.Leaf("endentity.kubewarden.io", TestChain.Now.AddYears(-1), TestChain.Now.AddDays(-10), root);

        Assert.Equal(UsedAfterExpiration, Check(leaf, [root], notAfter: Rfc3339(TestChain.Now.AddDays(11))));
        Assert.Equal(UsedBeforeValidity, Check(leaf, [root], notAfter: Rfc3339(TestChain.Now.AddDays(-11))));
        Assert.Equal(Trusted, Check(expired, [root], notAfter: Rfc3339(TestChain.Now.AddDays(-20))));
        Assert.Equal(Trusted, Check(expired, [root], notAfter: TestChain.Now.AddDays(-20).ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss'.123456789'zzz", CultureInfo.InvariantCulture)));
        Assert.Equal(UsedAfterExpiration, Check(expired, [root], notAfter: ""));
    }

    [Fact]
    public void CaCertificate_IsNotAnEndEntity()
    {
        using var root = TestChain.Root();
        using var intermediate = TestChain.Ca("intermediate.kubewarden.io", TestChain.Now.AddYears(-1), TestChain.Now.AddYears(2), root);

        Assert.Equal("""{"trusted":false,"reason":"Certificate not trusted: CaUsedAsEndEntity"}""", Check(intermediate, [root]));
    }

    [Fact]
    public void MalformedNotAfter_IsAHostError()
    {
        using var root = TestChain.Root();
        using var leaf = TestChain.Leaf(root);

        var error = _handler.Call(Payload(leaf, [root], "Pem", "malformed")).Failure();

        Assert.Equal("Callback evaluation failure: Timestamp not_after is not in RFC3339 format", error);
    }

    [Theory]
    [InlineData("Pem", "Certificate is not valid PEM: ")]
    [InlineData("Der", "Certificate is not valid DER: ")]
    public void GarbageCertificate_IsAHostError(string encoding, string expected)
    {
        var payload = new JsonObject { ["cert"] = new JsonObject { ["encoding"] = encoding, ["data"] = Bytes("not a certificate"u8.ToArray()) } };

        var error = _handler.Call(payload.ToJsonString()).Failure();

        Assert.StartsWith("Callback evaluation failure: " + expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void GarbageInTheChain_IsAHostErrorNamingItsPosition()
    {
        using var root = TestChain.Root();
        using var leaf = TestChain.Leaf(root);
        var payload = JsonNode.Parse(Payload(leaf, [root], "Pem", null))!;
        payload["cert_chain"]!.AsArray().Insert(0, new JsonObject { ["encoding"] = "Der", ["data"] = Bytes([1, 2, 3]) });

        var error = _handler.Call(payload.ToJsonString()).Failure();

        Assert.StartsWith("Callback evaluation failure: Certificate 0 of cert_chain is not valid DER: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"a certificate\"")]
    [InlineData("{\"cert_chain\":null}")]
    [InlineData("{\"cert\":{\"encoding\":\"Base64\",\"data\":[1]}}")]
    public void MalformedPayload_IsAHostErrorSayingWhatIsExpected(string payload)
    {
        var error = _handler.Call(payload).Failure();

        Assert.StartsWith("the payload of crypto/v1/is_certificate_trusted must be a JSON object {\"cert\": {\"encoding\": \"Pem\" or \"Der\"", error, StringComparison.Ordinal);
    }

    private string Check(X509Certificate2 leaf, X509Certificate2[]? chain, string encoding = "Pem", string? notAfter = null) =>
        _handler.Call(Payload(leaf, chain, encoding, notAfter)).Answer();

    private static string Payload(X509Certificate2 leaf, X509Certificate2[]? chain, string encoding, string? notAfter) => new JsonObject
    {
        ["cert"] = Certificate(leaf, encoding),
        ["cert_chain"] = chain is null ? null : new JsonArray([.. chain.Select(c => Certificate(c, encoding))]),
        ["not_after"] = notAfter,
    }.ToJsonString();

    private static JsonObject Certificate(X509Certificate2 certificate, string encoding) => new()
    {
        ["encoding"] = encoding,
        ["data"] = Bytes(encoding == "Pem" ? Encoding.UTF8.GetBytes(certificate.ExportCertificatePem()) : certificate.RawData),
    };

    private static JsonArray Bytes(byte[] data) => new([.. data.Select(b => (JsonNode)b)]);

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
