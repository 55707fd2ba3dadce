namespace Kubewarden.Policies.Tests;

public sealed class ModuleSourceTests
{
    [Theory]
    [InlineData("registry://ghcr.io/kubewarden/policies/psp-capabilities:v0.1.7", "ghcr.io", "ghcr.io/kubewarden/policies/psp-capabilities:v0.1.7")]
    [InlineData("registry://localhost:5000/org/p@sha256:0123abcd", "localhost:5000", "localhost:5000/org/p@sha256:0123abcd")]
    [InlineData("REGISTRY://ghcr.io/org/p:v1", "ghcr.io", "ghcr.io/org/p:v1")]
    [InlineData("ghcr.io/org/p:v1", "ghcr.io", "ghcr.io/org/p:v1")]
    [InlineData("ghcr.io:443/org/p:v1", "ghcr.io:443", "ghcr.io:443/org/p:v1")]
    [InlineData("localhost:5000/p:v1", "localhost:5000", "localhost:5000/p:v1")]
    [InlineData("kubewarden/policy:v1", "docker.io", "kubewarden/policy:v1")]
    public void Registry_sources(string url, string host, string reference)
    {
        var source = ModuleSource.Parse(url);
        Assert.Equal(ModuleSourceKind.Registry, source.Kind);
        Assert.Equal(url, source.OriginalUrl);
        Assert.Equal(host, source.Host);
        Assert.Equal(reference, source.Reference);
        Assert.Equal("registry://" + reference, source.Url);
        Assert.Null(source.LocalPath);
    }

    [Fact]
    public void Https_source()
    {
        var source = ModuleSource.Parse("https://example.com:8443/policies/p.wasm");
        Assert.Equal(ModuleSourceKind.Https, source.Kind);
        Assert.Equal("example.com:8443", source.Host);
        Assert.Equal("https://example.com:8443/policies/p.wasm", source.Url);
        Assert.Null(source.Reference);
        Assert.Equal("example.com", ModuleSource.Parse("https://example.com/p.wasm").Host);
    }

    [Fact]
    public void Http_source()
    {
        var source = ModuleSource.Parse("http://insecure.local/p.wasm");
        Assert.Equal(ModuleSourceKind.Http, source.Kind);
        Assert.Equal("insecure.local", source.Host);
    }

    [Fact]
    public void File_source()
    {
        var source = ModuleSource.Parse("file:///abs/path/my%20policy.wasm");
        Assert.Equal(ModuleSourceKind.File, source.Kind);
        Assert.Equal("/abs/path/my policy.wasm", source.LocalPath);
        Assert.Null(source.Host);
        Assert.Equal("/tmp/p.wasm", ModuleSource.Parse("file://localhost/tmp/p.wasm").LocalPath);
    }

    [Fact]
    public void Unknown_scheme_is_an_error()
    {
        Assert.False(ModuleSource.TryParse("ftp://x", out var source, out var error));
        Assert.Null(source);
        Assert.Equal("unknown scheme `ftp` in module `ftp://x`; expected registry://, https://, http:// or file://", error);
        var exception = Assert.Throws<FormatException>(() => ModuleSource.Parse("oci://ghcr.io/p:v1"));
        Assert.Equal("unknown scheme `oci` in module `oci://ghcr.io/p:v1`; expected registry://, https://, http:// or file://", exception.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("file://relative/p.wasm")]
    [InlineData("https:///nohost")]
    [InlineData("registry://")]
    [InlineData("registry:ghcr.io/p")]
    public void Malformed_urls_are_errors(string url)
    {
        Assert.False(ModuleSource.TryParse(url, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Sources_compare_by_value()
    {
        Assert.Equal(ModuleSource.Parse("ghcr.io/org/p:v1"), ModuleSource.Parse("ghcr.io/org/p:v1"));
    }
}
