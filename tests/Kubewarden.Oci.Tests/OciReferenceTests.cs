namespace Kubewarden.Oci.Tests;

public sealed class OciReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("registry://ghcr.io/kubewarden/policies/pod-privileged:v0.1.9", "ghcr.io", "ghcr.io", "kubewarden/policies/pod-privileged", "v0.1.9", null)]
    [InlineData("ghcr.io/kubewarden/policies/pod-privileged:v0.1.9", "ghcr.io", "ghcr.io", "kubewarden/policies/pod-privileged", "v0.1.9", null)]
    [InlineData("registry://ghcr.io/kubewarden/policy", "ghcr.io", "ghcr.io", "kubewarden/policy", "latest", null)]
    [InlineData("registry.dev:5001/policy:1.0", "registry.dev:5001", "registry.dev:5001", "policy", "1.0", null)]
    [InlineData("registry://127.0.0.1:5000/a/b", "127.0.0.1:5000", "127.0.0.1:5000", "a/b", "latest", null)]
    [InlineData("localhost/policy:dev", "localhost", "localhost", "policy", "dev", null)]
    [InlineData("busybox", "docker.io", "registry-1.docker.io", "library/busybox", "latest", null)]
    [InlineData("kubewarden/policy:v1", "docker.io", "registry-1.docker.io", "kubewarden/policy", "v1", null)]
    [InlineData("docker.io/busybox:1", "docker.io", "registry-1.docker.io", "library/busybox", "1", null)]
    [InlineData("ghcr.io/org/policy@" + Digest, "ghcr.io", "ghcr.io", "org/policy", null, Digest)]
    [InlineData("ghcr.io/org/policy:v1@" + Digest, "ghcr.io", "ghcr.io", "org/policy", "v1", Digest)]
    [InlineData("registry://127.0.0.1:5001/127.0.0.1:5000/a/b:v1", "127.0.0.1:5001", "127.0.0.1:5001", "127.0.0.1:5000/a/b", "v1", null)]
    [InlineData("ghcr.io/org/my_policy.x-y__z:v1.2_3-rc", "ghcr.io", "ghcr.io", "org/my_policy.x-y__z", "v1.2_3-rc", null)]
    public void Parses(string text, string registry, string apiHost, string repository, string? tag, string? digest)
    {
        var reference = OciReference.Parse(text);

        Assert.Equal(registry, reference.Registry);
        Assert.Equal(apiHost, reference.ApiHost);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest);
        Assert.Equal(digest ?? tag, reference.ManifestReference);
    }

    [Theory]
    [InlineData("", "names no repository")]
    [InlineData("registry://", "names no repository")]
    [InlineData("https://ghcr.io/org/policy", "the scheme 'https://' is not a registry scheme")]
    [InlineData("ghcr.io/Org/policy", "repository component 'Org'")]
    [InlineData("ghcr.io/org//policy", "repository component ''")]
    [InlineData("ghcr.io/org/policy:-bad", "the tag '-bad'")]
    [InlineData("ghcr.io/org/policy:", "the tag ''")]
    [InlineData("ghcr.io/org/policy@sha256:abc", "the digest 'sha256:abc'")]
    [InlineData("ghcr.io/org/policy@md5:0123456789abcdef0123456789abcdef", "is not sha256")]
    [InlineData("registry.dev:99999/policy", "port of registry 'registry.dev:99999'")]
    [InlineData("bad_host.io/policy", "the registry 'bad_host.io'")]
    [InlineData("cache.io/a/b:5000/c", "repository component 'b:5000'")]
    public void RejectsWithTheWrongPartNamed(string text, string expected)
    {
        var error = Assert.Throws<OciReferenceFormatException>(() => OciReference.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PrintsCanonicalForm()
    {
        Assert.Equal("docker.io/library/busybox:latest", OciReference.Parse("busybox").ToString());
        Assert.Equal("ghcr.io/a/b@" + Digest, OciReference.Parse("ghcr.io/a/b:v1").WithDigest(Digest).ToString());
    }
}
