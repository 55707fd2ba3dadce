using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubewarden.Conformance.Tests;
using Kubewarden.PolicyServer.Tests.Harness;
using Kubewarden.Wasm.Binary;
using YamlDotNet.RepresentationModel;

namespace Kubewarden.PolicyServer.Tests;

/// <summary>
/// Policy-servers over HTTPS serving one policy per <c>validate</c> case of the corpus (the case's settings,
/// <c>hostCapabilities: ["*"]</c>): one for the cases without host-capability session, one started with
/// <c>--replay-host-capabilities-interactions</c> for the cases that replay one.
/// </summary>
public sealed class HttpConformanceFixture : IAsyncLifetime
{
    internal PolicyServerInstance? Server { get; private set; }

    /// <summary>The server of the cases with a <c>session</c>: every session of those cases merged into one file.</summary>
    internal PolicyServerInstance? ReplayServer { get; private set; }

    /// <summary>Policy id of each served case, by case name.</summary>
    internal Dictionary<string, string> PolicyIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Policy ids serving the unannotated Rego modules as they are, which Kubewarden refuses to load.</summary>
    internal List<string> UnannotatedPolicyIds { get; } = [];

    /// <summary>Why a <c>validate</c> case is not served, or null when it is.</summary>
    internal static string? SkipReason(CorpusCase testCase) => testCase switch
    {
        { Protocol: not ("kubewarden-wapc" or "kubewarden-wasi" or "opa" or "gatekeeper") } => $"protocol `{testCase.Protocol}` is not an admission policy",
        _ when testCase.Has("raw_payload") => "raw_payload is a hand-made waPC payload that no HTTP request produces",
        _ when testCase.Has("omit_settings_key") => "omit_settings_key: the server always sends the settings key",
        _ => null,
    };

    internal static IEnumerable<CorpusCase> ValidateCases() => Corpus.Cases().Where(c => c.Operation == "validate");

    internal PolicyServerInstance ServerOf(CorpusCase testCase) => testCase.Has("session") ? ReplayServer! : Server!;

    public async ValueTask InitializeAsync()
    {
        if (Corpus.Root is null)
        {
            return;
        }

        var served = ValidateCases().Where(c => SkipReason(c) is null).ToList();
        Server = new PolicyServerInstance();
        ReplayServer = new PolicyServerInstance();
        var policies = Policies(Server, served.Where(c => !c.Has("session")));
        foreach (var path in ValidateCases().Where(c => c.Protocol is "opa" or "gatekeeper").Select(c => c.PathOf(c.Module)).Distinct()
                     .Where(path => !CorpusAnnotation.IsAnnotated(File.ReadAllBytes(path))))
        {
            var id = $"as-is-{UnannotatedPolicyIds.Count}";
            UnannotatedPolicyIds.Add(id);
            policies[id] = new JsonObject { ["module"] = new Uri(path).AbsoluteUri };
        }

        Server.WritePolicies(policies);
        var replayed = served.Where(c => c.Has("session")).ToList();
        ReplayServer.WritePolicies(Policies(ReplayServer, replayed));
        var session = MergedSession(replayed, Path.Combine(ReplayServer.Root, "session.yml"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await Server.StartAsync(Server.DefaultArgs(true, "--workers", "2"), timeout.Token);
        await ReplayServer.StartAsync(ReplayServer.DefaultArgs(true, "--workers", "2", "--replay-host-capabilities-interactions", session), timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (ReplayServer is not null)
        {
            await ReplayServer.DisposeAsync();
        }
    }

    private JsonObject Policies(PolicyServerInstance server, IEnumerable<CorpusCase> cases)
    {
        var policies = new JsonObject();
        var annotatedCopies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var testCase in cases)
        {
            var id = $"case-{PolicyIds.Count}";
            PolicyIds[testCase.Name] = id;
            var entry = new JsonObject
            {
                ["module"] = ModuleUrl(server, testCase, annotatedCopies),
                ["hostCapabilities"] = new JsonArray("*"),
            };
            if (testCase.Get("settings") is { } settings)
            {
                entry["settings"] = JsonNode.Parse(settings.GetRawText());
            }

            policies[id] = entry;
        }

        return policies;
    }

    /// <summary>
    /// The session files of <paramref name="cases"/> as one (each is a YAML list, so their concatenation is one). The
    /// server answers a request with the first exchange recording it, so two files recording one request with
    /// different answers cannot share a server: that is refused rather than served wrong.
    /// </summary>
    private static string MergedSession(IEnumerable<CorpusCase> cases, string destination)
    {
        var files = cases.Select(c => c.PathOf(c.Get("session")!.Value.GetString()!)).Distinct(StringComparer.Ordinal).ToList();
        var answers = new Dictionary<string, (string File, string Response)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }

            foreach (var exchange in ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
            {
                var request = ((YamlScalarNode)exchange["request"]).Value!;
                var response = string.Join("|", ((YamlMappingNode)exchange["response"]).Children.Select(c => $"{c.Key}={c.Value}"));
                if (answers.TryGetValue(request, out var earlier) && earlier.Response != response)
                {
                    throw new InvalidOperationException($"{earlier.File} and {file} record different answers to {request}; serve them from separate servers");
                }

                answers.TryAdd(request, (file, response));
            }
        }

        File.WriteAllText(destination, string.Join('\n', files.Select(file => File.ReadAllText(file).TrimEnd() + "\n")));
        return destination;
    }

    /// <summary>
    /// An annotated module is served from the corpus as is. An unannotated one (which Kubewarden refuses to serve) is
    /// served as a copy with the metadata section kwctl annotate would add for its protocol.
    /// </summary>
    private static string ModuleUrl(PolicyServerInstance server, CorpusCase testCase, Dictionary<string, string> annotatedCopies)
    {
        var path = testCase.PathOf(testCase.Module);
        var bytes = File.ReadAllBytes(path);
        if (CorpusAnnotation.IsAnnotated(bytes))
        {
            return new Uri(path).AbsoluteUri;
        }

        if (!annotatedCopies.TryGetValue(path, out var url))
        {
            var name = $"annotated-{annotatedCopies.Count}-{Path.GetFileNameWithoutExtension(testCase.Module)}";
            url = server.AddModule(name, CorpusAnnotation.Annotate(bytes, testCase.Protocol));
            annotatedCopies[path] = url;
        }

        return url;
    }
}

/// <summary>Every <c>validate</c> case of the real-policy corpus, through <c>POST /validate/{id}</c> over HTTPS.</summary>
public sealed class HttpConformanceTests(HttpConformanceFixture fixture) : IClassFixture<HttpConformanceFixture>
{
    private const string Absent = "corpus-absent";

    public static IEnumerable<TheoryDataRow<string>> Cases()
    {
        if (Corpus.Root is null)
        {
            yield return new TheoryDataRow<string>(Absent) { Skip = Corpus.AbsentReason, TestDisplayName = "HTTP conformance corpus" };
            yield break;
        }

        foreach (var testCase in HttpConformanceFixture.ValidateCases())
        {
            yield return new TheoryDataRow<string>(testCase.Name)
            {
                TestDisplayName = $"HTTP corpus {testCase.Name}",
                Skip = HttpConformanceFixture.SkipReason(testCase),
            };
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CorpusCase_ServedOverHttps_AnswersAsItsRepositoryAsserts(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var testCase = HttpConformanceFixture.ValidateCases().Single(c => c.Name == name);
        var server = fixture.ServerOf(testCase);
        var id = fixture.PolicyIds[name];

        var (status, body, _) = await server.SendAsync($"/validate/{id}", Review(testCase), ct);

        Assert.Equal(200, status);
        var response = JsonNode.Parse(body)!["response"]!;
        var expect = testCase.Expect;
        Assert.Equal(expect.GetProperty("accepted").GetBoolean(), (bool)response["allowed"]!);
        var message = (string?)response["status"]?["message"];
        if (testCase.ExpectString("message_contains") is { } fragment)
        {
            Assert.Contains(fragment, message, StringComparison.Ordinal);
        }

        if (testCase.ExpectString("message_equals") is { } exact)
        {
            Assert.Equal(exact, message);
        }

        if (expect.TryGetProperty("code", out var code))
        {
            Assert.Equal(code.GetInt32(), (int?)response["status"]?["code"]);
        }

        if (expect.TryGetProperty("warnings", out var warnings))
        {
            Assert.Equal(warnings.EnumerateArray().Select(w => w.GetString()), response["warnings"]?.AsArray().Select(w => (string?)w) ?? []);
        }

        // output_contains / expect_stdout_exact are about the policy's raw output, which HTTP does not expose; the
        // engine-level conformance suite checks them.
    }

    [Fact]
    public async Task EveryServedCasePolicy_LoadedAndReady()
    {
        Assert.SkipWhen(fixture.Server is null, Corpus.AbsentReason);
        var served = HttpConformanceFixture.ValidateCases().Where(c => fixture.PolicyIds.ContainsKey(c.Name)).ToList();
        foreach (var server in new[] { fixture.Server!, fixture.ReplayServer! })
        {
            var policies = await server.PoliciesAsync(TestContext.Current.CancellationToken);
            var states = policies.GetProperty("policies").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("state").GetString() + " " + p.GetProperty("message"));
            var ids = served.Where(c => fixture.ServerOf(c) == server).Select(c => fixture.PolicyIds[c.Name]).ToList();
            Assert.Equal(
                ids.Concat(server == fixture.Server ? fixture.UnannotatedPolicyIds : []).Order(StringComparer.Ordinal),
                states.Keys.Order(StringComparer.Ordinal));
            Assert.All(ids, id => Assert.StartsWith("ready", states[id], StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task UnannotatedRegoModule_ServedAsIs_FailsToLoadAsInKubewarden()
    {
        Assert.SkipWhen(fixture.Server is null, Corpus.AbsentReason);
        var ct = TestContext.Current.CancellationToken;
        const string Reason = "Policy is missing protocol version, which is required for KubewardenWapc execution mode";
        Assert.NotEmpty(fixture.UnannotatedPolicyIds);
        var policies = await fixture.Server!.PoliciesAsync(ct);
        foreach (var id in fixture.UnannotatedPolicyIds)
        {
            var state = policies.GetProperty("policies").EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);
            Assert.Equal("error", state.GetProperty("state").GetString());
            Assert.Contains(Reason, state.GetProperty("message").GetString(), StringComparison.Ordinal);

            var (status, body, _) = await fixture.Server.SendAsync($"/validate/{id}", Reviews.Pod("uid-as-is"), ct);

            Assert.Equal(200, status);
            var response = JsonNode.Parse(body)!["response"]!;
            Assert.False((bool)response["allowed"]!);
            Assert.Equal(500, (int?)response["status"]?["code"]);
            Assert.Contains(Reason, (string?)response["status"]?["message"], StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The case's fixture as an AdmissionReview. Fixtures that are bare AdmissionRequests are wrapped; partial ones
    /// (upstream's ingress.json has only uid, kind and object) get the members an API server always sends and the
    /// policy-server requires: <c>resource</c> (group/version of the kind, lower-case plural resource name),
    /// <c>operation: CREATE</c> and a <c>userInfo</c> of kubernetes-admin. None of the corpus policies reads them.
    /// </summary>
    private static string Review(CorpusCase testCase)
    {
        var fixture = JsonNode.Parse(File.ReadAllText(testCase.PathOf(testCase.Get("request")!.Value.GetString()!)))!.AsObject();
        var request = fixture["request"] is JsonObject inner ? inner : fixture;
        if (request["resource"] is null && request["kind"] is JsonObject kind)
        {
            var plural = ((string)kind["kind"]!).ToLowerInvariant();
            plural += plural.EndsWith('s') ? "es" : "s";
            request["resource"] = new JsonObject { ["group"] = (string?)kind["group"], ["version"] = (string?)kind["version"], ["resource"] = plural };
        }

        request["operation"] ??= "CREATE";
        request["userInfo"] ??= new JsonObject { ["username"] = "kubernetes-admin", ["groups"] = new JsonArray("system:masters", "system:authenticated") };
        return ReferenceEquals(request, fixture)
            ? new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request.DeepClone() }.ToJsonString()
            : fixture.ToJsonString();
    }
}
