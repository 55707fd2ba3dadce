using Kubewarden.Oci.Tests.Registry;

namespace Kubewarden.Oci.Tests;

public sealed class SourcesConfigLoaderTests : IDisposable
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();

    public void Dispose() => _ca.Dispose();

    [Fact]
    public void ReadsInsecureSourcesAndPemDataAndPaths()
    {
        var derPath = Path.Combine(_ca.Directory, "ca.der");
        File.WriteAllBytes(derPath, _ca.Certificate.RawData);
        var pem = _ca.Certificate.ExportCertificatePem().Replace("\n", "\\n", StringComparison.Ordinal);
        var yaml = $$"""
            insecure_sources: ["registry.dev:5001", "plain.local"]
            source_authorities:
              "registry.pre.example.com":
                - type: Data
                  data: "{{pem}}"
                - {type: Path, path: {{_ca.CaPemPath}}}
              "der.example":
                - {type: Path, path: {{derPath}}}
            proxies: {http_proxy: "http://proxy:3128"}
            """;

        var sources = SourcesConfigLoader.Parse(yaml);

        Assert.True(sources.IsInsecure("registry.dev:5001"));
        Assert.True(sources.IsInsecure("plain.local"));
        Assert.False(sources.IsInsecure("registry.dev"));
        Assert.Equal(2, sources.AuthoritiesFor("registry.pre.example.com").Count);
        Assert.All(sources.AuthoritiesFor("registry.pre.example.com").Cast<System.Security.Cryptography.X509Certificates.X509Certificate2>(),
            c => Assert.Equal(_ca.Certificate.Thumbprint, c.Thumbprint));
        Assert.Equal(_ca.Certificate.Thumbprint, sources.AuthoritiesFor("der.example")[0].Thumbprint);
        Assert.Empty(sources.AuthoritiesFor("other.example"));
    }

    [Fact]
    public void ReadsTheControllersJsonForm()
    {
        var pem = _ca.Certificate.ExportCertificatePem().Replace("\n", "\\n", StringComparison.Ordinal);
        var json = $$$"""{"insecure_sources":["a:1"],"source_authorities":{"b":[{"type":"Data","data":"{{{pem}}}"}]}}""";

        var sources = SourcesConfigLoader.Parse(json);

        Assert.True(sources.IsInsecure("a:1"));
        Assert.Equal(_ca.Certificate.Thumbprint, sources.AuthoritiesFor("b")[0].Thumbprint);
    }

    [Fact]
    public void EmptyDocumentMeansNothingConfigured()
    {
        Assert.Empty(SourcesConfigLoader.Parse("").InsecureSources);
    }

    [Theory]
    [InlineData("source_authorities: {h: [{type: Data, data: \"not a certificate\"}]}", "certificate data for h is neither a PEM nor a DER")]
    [InlineData("source_authorities: {h: [{type: Path, path: /nonexistent/ca.pem}]}", "cannot read certificate file /nonexistent/ca.pem for h")]
    [InlineData("source_authorities: {h: [{type: Url, url: x}]}", "must be {type: Path, path: <file>} or {type: Data, data: <PEM>}")]
    [InlineData("insecure_sources: registry.dev", "insecure_sources must be a list")]
    [InlineData("[1, 2]", "the document must be a mapping")]
    [InlineData("insecure_sources: [a", "is not valid YAML or JSON")]
    public void RejectsBadDocumentsClearly(string yaml, string expected)
    {
        var error = Assert.Throws<SourcesConfigException>(() => SourcesConfigLoader.Parse(yaml, "test-sources.yml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("test-sources.yml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PemDataWithGarbageIsRejected()
    {
        var yaml = "source_authorities: {h: [{type: Data, data: \"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\"}]}";

        Assert.Throws<SourcesConfigException>(() => SourcesConfigLoader.Parse(yaml));
    }
}
