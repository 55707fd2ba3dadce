using System.Collections;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubewarden.Hosting.Tests.Tls;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Kubewarden.PolicyServer.Tests.Harness;

/// <summary>
/// A policy-server started in-process with real command-line flags: a temp directory holding policies.yml, the
/// modules, the TLS material and the download dir; API over HTTPS (the generated CA is trusted by <see cref="Api"/>),
/// readiness over plain HTTP.
/// </summary>
internal sealed class PolicyServerInstance : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<HttpClient> _clients = [];
    private WebApplication? _app;

    public PolicyServerInstance()
    {
        Directory.CreateDirectory(ModulesDirectory);
        DownloadDirectory = Path.Combine(Root, "dl");
        CertFile = _directory.File("tls.crt");
        KeyFile = _directory.File("tls.key");
        ClientCaFile = _directory.File("client-ca.crt");
        PoliciesFile = _directory.File("policies.yml");
        ServerCertificate = Pki.NewServerCertificate("policy-server");
        TestPki.WritePem(ServerCertificate, CertFile, KeyFile);
    }

    public TestPki Pki { get; } = new();

    public X509Certificate2 ServerCertificate { get; }

    public string Root => _directory.Path;

    public string ModulesDirectory => Path.Combine(_directory.Path, "modules");

    /// <summary>The <c>--policies-download-dir</c> of <see cref="DefaultArgs"/>; share one to restart on the same store.</summary>
    public string DownloadDirectory { get; set; }

    public string PoliciesFile { get; }

    public string CertFile { get; }

    public string KeyFile { get; }

    public string ClientCaFile { get; }

    public WebApplication App => _app ?? throw new InvalidOperationException("not started");

    /// <summary>Every bound address, in the order the server reports them.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public Uri ApiBase { get; private set; } = null!;

    public Uri ReadinessBase { get; private set; } = null!;

    /// <summary>The client certificate <see cref="Api"/> presents when the server requires one.</summary>
    public X509Certificate2? HarnessClientCertificate { get; private set; }

    /// <summary>An HTTPS client of the API port trusting the test CA (with a client certificate when mTLS is on).</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>A plain-HTTP client of the readiness port.</summary>
    public HttpClient Readiness { get; private set; } = null!;

    /// <summary>Writes a module file and returns its <c>file://</c> URL.</summary>
    public string AddModule(string name, byte[] bytes)
    {
        var path = Path.Combine(ModulesDirectory, name + ".wasm");
        File.WriteAllBytes(path, bytes);
        return ModuleUrl(name);
    }

    public string ModuleUrl(string name) => new Uri(Path.Combine(ModulesDirectory, name + ".wasm")).AbsoluteUri;

    /// <summary>Writes policies.yml as JSON (which the controller writes too) in place; used before start.</summary>
    public byte[] WritePolicies(JsonObject policies) => WritePolicies(policies.ToJsonString());

    public byte[] WritePolicies(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        File.WriteAllBytes(PoliciesFile, bytes);
        return bytes;
    }

    /// <summary>Replaces policies.yml atomically (write beside, rename over), as a ConfigMap update does.</summary>
    public byte[] ReplacePolicies(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var temporary = _directory.File($".policies-{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, PoliciesFile, overwrite: true);
        return bytes;
    }

    public static string VersionOf(byte[] content) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(content))}";

    /// <summary>
    /// The standard flags of a test server, then <paramref name="extra"/>. Mandatory mTLS is on by default because HTTPS
    /// without <c>--client-ca-file</c> does not start (product bug, see <c>TlsTests.Https_WithoutClientCa_Serves</c>).
    /// </summary>
    /// <summary>The engine the servers run on: the test command runs the suite once per engine.</summary>
    public static string Engine { get; } = Environment.GetEnvironmentVariable("KUBEWARDEN_TEST_ENGINE") is { Length: > 0 } engine ? engine : "wasmtime";

    public string[] DefaultArgs(bool clientCa = true, params string[] extra)
    {
        List<string> args =
        [
            "--addr", "127.0.0.1", "--port", "0", "--readiness-probe-port", "0",
            "--policies", PoliciesFile, "--policies-download-dir", DownloadDirectory,
            "--cert-file", CertFile, "--key-file", KeyFile, "--log-level", "warn",
            "--engine", Engine,
        ];
        if (clientCa)
        {
            File.WriteAllText(ClientCaFile, TlsTestMaterial.CertificatePem(Pki.ClientCa));
            args.AddRange(["--client-ca-file", ClientCaFile]);
        }

        args.AddRange(extra);
        return [.. args];
    }

    /// <summary>
    /// Parses <paramref name="args"/> as the real executable does (empty environment) and starts the server;
    /// <paramref name="configure"/> may adjust the builder (e.g. add a log provider).
    /// </summary>
    public async Task StartAsync(string[] args, CancellationToken cancellationToken, IDictionary? environment = null, Action<WebApplicationBuilder>? configure = null)
    {
        var parsed = PolicyServerHost.Parse(args, environment ?? new Hashtable());
        _app = PolicyServerHost.Build(parsed, configure ?? (_ => { }));
        await _app.StartAsync(cancellationToken);
        Addresses = [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses];
        ApiBase = new Uri(Addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
        ReadinessBase = new Uri(Addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
        HarnessClientCertificate = args.Contains("--client-ca-file") ? Pki.NewClientCertificate("harness-client") : null;
        Api = CreateApiClient(HarnessClientCertificate);
        Readiness = Track(new HttpClient { BaseAddress = ReadinessBase, Timeout = TimeSpan.FromSeconds(30) });
    }

    /// <summary>A new HTTPS client (own connection pool) presenting <paramref name="clientCertificate"/>, if any.</summary>
    public HttpClient CreateApiClient(X509Certificate2? clientCertificate = null, Action<X509Certificate2>? onServerCertificate = null)
    {
        var root = Pki.Ca;
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is not null)
                    {
                        onServerCertificate?.Invoke(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
                    }

                    return TestPki.TrustsServer(root, certificate, errors);
                },
            },
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return Track(new HttpClient(handler) { BaseAddress = ApiBase, Timeout = TimeSpan.FromSeconds(30) });
    }

    /// <summary>POSTs a JSON body to the API port.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string json, CancellationToken cancellationToken, HttpClient? client = null) =>
        (client ?? Api).PostAsync(path, Json(json), cancellationToken);

    /// <summary>POSTs and returns status and body.</summary>
    public async Task<(int Status, string Body, string? ContentType)> SendAsync(string path, string json, CancellationToken cancellationToken, HttpClient? client = null)
    {
        using var response = await PostAsync(path, json, cancellationToken, client);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), response.Content.Headers.ContentType?.MediaType);
    }

    public async Task<JsonElement> PoliciesAsync(CancellationToken cancellationToken)
    {
        var text = await Readiness.GetStringAsync(new Uri("/policies", UriKind.Relative), cancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static StringContent Json(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _app.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            await _app.DisposeAsync();
        }

        ServerCertificate.Dispose();
        HarnessClientCertificate?.Dispose();
        Pki.Dispose();
        _directory.Dispose();
    }

    private HttpClient Track(HttpClient client)
    {
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }
}
