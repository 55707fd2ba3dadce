using Kubewarden.HostCapabilities.Replay;

namespace Kubewarden.HostCapabilities.Tests.Replay;

/// <summary>A session file that cannot be used is refused at load, with the file, the entry and what was expected.</summary>
public sealed class ReplaySessionLoadTests
{
    private const string Good = """
        - type: Exchange
          request: "!DNSLookupHost\nhost: a.example\n"
          response: {type: Success, payload: '{"ips":[]}'}
        """;

    public static TheoryData<string, string> Malformed => new()
    {
        { "- type: Exchange\n  request: [", "is not valid YAML" },
        { "type: Exchange", "is not a YAML list; expected a list of an exchange {type: Exchange, request: <recorded request>, response:" },
        { "", "is not a YAML list" },
        { Good + "\n- just text", "entry 1 (line 4): expected an exchange {type: Exchange" },
        { Good + "\n- type: Exchange\n  response: {type: Success, payload: x}", "entry 1 (line 4): `request` is missing or not a text" },
        { "- type: Record\n  request: x\n  response: {type: Success, payload: x}", "entry 0 (line 1): `type` is `Record`; expected an exchange" },
        { "- request: \"!DNSLookupHost\\nhost: a\\n\"\n  response: {type: Success, payload: x}\n  when: now", "entry 0 (line 1): unknown key `when`; expected only type, request, response" },
        { "- request: \"!KubernetesGetResourcePluralName\\napi_version: v1\\nkind: Pod\\n\"\n  response: {type: Success, payload: x}", "entry 0 (line 1): unknown request kind `KubernetesGetResourcePluralName`; expected one of CryptoIsCertificateTrusted, DNSLookupHost," },
        { "- request: \"!OciManifestDigest\\nimg: busybox\\n\"\n  response: {type: Success, payload: x}", "entry 0 (line 1): missing field `image`; OciManifestDigest has the fields image" },
        { "- request: \"!OciManifestDigest\\nimage: busybox\\ntag: v1\\n\"\n  response: {type: Success, payload: x}", "entry 0 (line 1): unknown field `tag`; OciManifestDigest has the fields image" },
        { "- request: \"!KubernetesListResourceAll\\napi_version: v1\\n\"\n  response: {type: Success, payload: x}", "missing field `kind`; KubernetesListResourceAll has the fields api_version, kind, label_selector (optional), field_selector (optional), field_masks (optional)" },
        { "- request: just text\n  response: {type: Success, payload: x}", "entry 0 (line 1): the request names no kind; expected a tagged mapping such as" },
        { "- request: \"!DNSLookupHost\\nhost: [\"\n  response: {type: Success, payload: x}", "entry 0 (line 1): the request is not YAML" },
        { "- request: \"!DNSLookupHost\\nhost: !Custom a\\n\"\n  response: {type: Success, payload: x}", "unexpected tag `!Custom`" },
        { "- request: \"!DNSLookupHost\\nhost: a\\n\"", "entry 0 (line 1): no `response` mapping" },
        { "- request: \"!DNSLookupHost\\nhost: a\\n\"\n  response: {type: Maybe}", "the response type is `Maybe`; expected a response {type: Success, payload: <text>} or {type: Error, message: <text>}" },
        { "- request: \"!DNSLookupHost\\nhost: a\\n\"\n  response: {payload: x}", "the response type is missing" },
        { "- request: \"!DNSLookupHost\\nhost: a\\n\"\n  response: {type: Success}", "`payload` is missing or not a text" },
        { "- request: \"!DNSLookupHost\\nhost: a\\n\"\n  response: {type: Error, payload: x}", "`message` is missing or not a text" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedSession_IsRefusedNamingTheFileAndTheProblem(string content, string expected)
    {
        using var file = new SessionFile(content);

        var error = Assert.Throws<ReplaySessionException>(() => ReplaySession.Load(file.Path));

        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_IsRefusedNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.yml");

        var error = Assert.Throws<ReplaySessionException>(() => ReplaySession.Load(path));

        Assert.StartsWith($"cannot read the replay session {path}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyList_IsASessionWithoutExchanges()
    {
        using var file = new SessionFile("[]");

        Assert.Equal(0, ReplaySession.Load(file.Path).ExchangeCount);
    }

    [Fact]
    public void CorpusStyleSession_WithoutExchangeType_Loads()
    {
        using var file = new SessionFile("- request: \"!DNSLookupHost\\nhost: a\\n\"\n  response: {type: Error, message: no}");

        Assert.Equal(1, ReplaySession.Load(file.Path).ExchangeCount);
    }
}
