using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Oci.Tests.Registry;

/// <summary>
/// A minimal docker token service on 127.0.0.1: checks Basic credentials and issues ES256 JWTs granting exactly the
/// requested <c>access</c>. Distribution 2.8 verifies them through the <c>x5c</c> header against <c>rootcertbundle</c>,
/// here the self-signed signing certificate itself.
/// </summary>
public sealed class TokenServer : IAsyncDisposable
{
    /// <summary>The <c>iss</c> claim the registry is configured to trust.</summary>
    public const string Issuer = "kubewarden-oci-tests";

    /// <summary>The <c>service</c> (and <c>aud</c>) the registry is configured with.</summary>
    public const string Service = "test-registry";

    private readonly WebApplication _app;
    private readonly ECDsa _signingKey;
    private readonly X509Certificate2 _signingCertificate;
    private readonly HtpasswdUser _user;
    private readonly string _directory;
    private int _tokensIssued;

    private TokenServer(WebApplication app, ECDsa signingKey, X509Certificate2 signingCertificate, HtpasswdUser user, string directory)
    {
        _app = app;
        _signingKey = signingKey;
        _signingCertificate = signingCertificate;
        _user = user;
        _directory = directory;
        RootCertBundlePath = Path.Combine(directory, "token-root.pem");
        File.WriteAllText(RootCertBundlePath, signingCertificate.ExportCertificatePem());
    }

    /// <summary>The realm URL (<c>http://127.0.0.1:port/token</c>).</summary>
    public Uri Realm { get; private set; } = null!;

    /// <summary>The PEM file for distribution's <c>auth.token.rootcertbundle</c>.</summary>
    public string RootCertBundlePath { get; }

    /// <summary>How many tokens have been issued.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Starts the service for one user.</summary>
    public static async Task<TokenServer> StartAsync(HtpasswdUser user)
    {
        var directory = Directory.CreateTempSubdirectory("kw-oci-token-").FullName;
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=token signer", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var selfSigned = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        var certificate = X509CertificateLoader.LoadCertificate(selfSigned.RawData);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new TokenServer(app, key, certificate, user, directory);
        app.MapGet("/token", server.Issue);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Realm = new Uri(address.TrimEnd('/') + "/token");
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _signingKey.Dispose();
        _signingCertificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private IResult Issue(HttpContext context)
    {
        if (!HasValidCredentials(context.Request.Headers.Authorization.ToString()))
        {
            return Results.Unauthorized();
        }

        var access = context.Request.Query["scope"]
            .Where(s => !string.IsNullOrEmpty(s))
            .Select(s => ParseScope(s!))
            .ToArray();
        var token = Sign(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = _user.Username,
            ["aud"] = context.Request.Query["service"].ToString(),
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds(),
            ["nbf"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        });
        Interlocked.Increment(ref _tokensIssued);
        return Results.Json(new Dictionary<string, object> { ["token"] = token, ["expires_in"] = 300 });
    }

    private bool HasValidCredentials(string authorization)
    {
        const string prefix = "Basic ";
        if (!authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[prefix.Length..]));
        return decoded == $"{_user.Username}:{_user.Password}";
    }

    // "repository:team/policy:pull,push" → {type, name, actions}
    private static Dictionary<string, object> ParseScope(string scope)
    {
        var first = scope.IndexOf(':', StringComparison.Ordinal);
        var last = scope.LastIndexOf(':');
        return new Dictionary<string, object>
        {
            ["type"] = scope[..first],
            ["name"] = scope[(first + 1)..last],
            ["actions"] = scope[(last + 1)..].Split(','),
        };
    }

    private string Sign(Dictionary<string, object> claims)
    {
        var header = new Dictionary<string, object>
        {
            ["typ"] = "JWT",
            ["alg"] = "ES256",
            ["x5c"] = new[] { Convert.ToBase64String(_signingCertificate.RawData) },
        };
        var signingInput = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _signingKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
