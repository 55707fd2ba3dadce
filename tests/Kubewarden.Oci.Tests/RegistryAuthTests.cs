using Kubewarden.Oci.Tests.Registry;

namespace Kubewarden.Oci.Tests;

public sealed class RegistryAuthTests : IAsyncDisposable
{
    private static readonly HtpasswdUser User = new("kubewarden", "correct horse");
    private readonly string _directory = Directory.CreateTempSubdirectory("kw-oci-auth-").FullName;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task HtpasswdAcceptsTheRightCredentials()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Htpasswd = User }, ct);
        using var client = ClientFor(registry, User.Username, User.Password);
        var reference = OciReference.Parse($"{registry.Host}/private/policy:v1");

        await client.PushAsync(reference, TestPolicies.NoPrivilegedPods, ct);
        var pulled = await client.PullToFileAsync(reference, Path.Combine(_directory, "p.wasm"), ct);

        Assert.Equal(TestPolicies.NoPrivilegedPods, await File.ReadAllBytesAsync(pulled.FilePath, ct));
    }

    [Fact]
    public async Task HtpasswdRejectsWrongCredentialsNamingTheConfig()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Htpasswd = User }, ct);
        using var client = ClientFor(registry, User.Username, "wrong");

        var error = await Assert.ThrowsAsync<RegistryAuthenticationException>(() => client.PullToFileAsync(
            OciReference.Parse($"{registry.Host}/private/policy:v1"), Path.Combine(_directory, "p.wasm"), ct));

        Assert.StartsWith($"401 Unauthorized from registry {registry.Host} (http://{registry.Host}/v2/private/policy/manifests/v1)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"credentials for {registry.Host} from {Path.Combine(_directory, "config.json")} were rejected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtpasswdWithoutCredentialsSaysWhereToAddThem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Htpasswd = User }, ct);
        using var client = TestPolicies.Client(TestPolicies.Insecure(registry.Host));

        var error = await Assert.ThrowsAsync<RegistryAuthenticationException>(() => client.PullToFileAsync(
            OciReference.Parse($"{registry.Host}/private/policy:v1"), Path.Combine(_directory, "p.wasm"), ct));

        Assert.Contains($"401 Unauthorized from registry {registry.Host}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"has no credentials for {registry.Host}; add an auths entry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerTokenFlowWorksEndToEndAndCachesTokens()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var tokens = await TokenServer.StartAsync(User);
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Token = tokens }, ct);
        using var client = ClientFor(registry, User.Username, User.Password);
        var reference = OciReference.Parse($"{registry.Host}/team/policy:v1");

        var pushed = await client.PushAsync(reference, TestPolicies.NoPrivilegedPods, ct);
        var byTag = await client.PullToFileAsync(reference, Path.Combine(_directory, "t.wasm"), ct);
        var issuedAfterFirstPull = tokens.TokensIssued;
        var byDigest = await client.PullToFileAsync(OciReference.Parse(pushed), Path.Combine(_directory, "d.wasm"), ct);

        Assert.Equal(TestPolicies.NoPrivilegedPods, await File.ReadAllBytesAsync(byTag.FilePath, ct));
        Assert.Equal(byTag.ManifestDigest, byDigest.ManifestDigest);
        Assert.Equal(2, issuedAfterFirstPull);
        Assert.Equal(issuedAfterFirstPull, tokens.TokensIssued);
    }

    [Fact]
    public async Task BearerRealmRejectingCredentialsIsA401Error()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var tokens = await TokenServer.StartAsync(User);
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Token = tokens }, ct);
        using var client = ClientFor(registry, User.Username, "wrong");

        var error = await Assert.ThrowsAsync<RegistryAuthenticationException>(() => client.PullToFileAsync(
            OciReference.Parse($"{registry.Host}/team/policy:v1"), Path.Combine(_directory, "p.wasm"), ct));

        Assert.Contains("were rejected", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, tokens.TokensIssued);
    }

    private OciRegistryClient ClientFor(RegistryServer registry, string username, string password) =>
        TestPolicies.Client(TestPolicies.Insecure(registry.Host), TestPolicies.DockerConfig(_directory, registry.Host, username, password));
}
