using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Oci.Tests;

public sealed class DockerCredentialStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kw-oci-docker-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ReadsAuthAndUsernamePasswordEntries()
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cr:et"));
        var store = Load($$$"""
            {"auths":{
              "registry.example:5000":{"auth":"{{{auth}}}"},
              "https://ghcr.io":{"username":"bob","password":"pw"},
              "https://index.docker.io/v1/":{"auth":"{{{auth}}}"}
            }}
            """);

        Assert.Equal(new RegistryCredentials("alice", "s3cr:et"), store.Find("registry.example:5000"));
        Assert.Equal(new RegistryCredentials("bob", "pw"), store.Find("ghcr.io"));
        Assert.Equal(new RegistryCredentials("alice", "s3cr:et"), store.Find("docker.io"));
        Assert.Equal(new RegistryCredentials("alice", "s3cr:et"), store.Find("registry-1.docker.io"));
        Assert.Null(store.Find("registry.example"));
    }

    [Fact]
    public void IdentityTokensAndCredentialHelpersAreAnonymous()
    {
        var store = Load("""{"credsStore":"desktop","auths":{"ghcr.io":{"identitytoken":"abc"},"quay.io":{}}}""");

        Assert.Null(store.Find("ghcr.io"));
        Assert.Null(store.Find("quay.io"));
    }

    [Fact]
    public void MissingOrMalformedConfigIsAnonymous()
    {
        var missing = DockerCredentialStore.Load(Path.Combine(_directory, "nope.json"), NullLogger.Instance);
        Assert.Null(missing.Find("ghcr.io"));

        var malformed = Load("{not json");
        Assert.Null(malformed.Find("ghcr.io"));
    }

    [Fact]
    public void DirectoryOptionReadsItsConfigJson()
    {
        File.WriteAllText(Path.Combine(_directory, "config.json"), """{"auths":{"ghcr.io":{"username":"u","password":"p"}}}""");

        var store = DockerCredentialStore.Load(_directory, NullLogger.Instance);

        Assert.Equal(Path.Combine(_directory, "config.json"), store.ConfigPath);
        Assert.Equal(new RegistryCredentials("u", "p"), store.Find("ghcr.io"));
    }

    private DockerCredentialStore Load(string json)
    {
        var path = Path.Combine(_directory, "config.json");
        File.WriteAllText(path, json);
        return DockerCredentialStore.Load(path, NullLogger.Instance);
    }
}
