using System.Text.Json;

namespace Kubewarden.Policies.Tests;

public sealed class SpecExampleTests
{
    private const string Example = """
        psp-capabilities:
          module: registry://ghcr.io/kubewarden/policies/psp-capabilities:v0.1.7
          allowedToMutate: true
          message: "My custom error message"
          hostCapabilities: ["*"]
          settings: {allowed_capabilities: ["*"]}
        pod-image-signatures:
          policyMode: monitor
          expression: "sigstore_pgp() || (sigstore_gh_action() && reject_latest_tag())"
          message: "The group policy is rejected."
          policies:
            sigstore_pgp: {module: ghcr.io/kubewarden/policies/verify-image-signatures:v0.2.8, settings: {}}
            sigstore_gh_action:
              module: ghcr.io/kubewarden/policies/verify-image-signatures:v0.2.8
              settings:
                signatures: [{image: "*", githubActions: {owner: kubewarden}}]
              timeoutEvalSeconds: 5
              hostCapabilities: ["oci/*"]
              contextAwareResources:
                - {apiVersion: v1, kind: Pod}
            reject_latest_tag:
              module: ghcr.io/kubewarden/policies/trusted-repos-policy:v0.1.12
        """;

    [Fact]
    public void Example_loads_with_every_field()
    {
        var document = TestLoad.Ok(Example);

        Assert.Equal(["psp-capabilities", "pod-image-signatures"], document.Entries.Select(e => e.Id));

        var psp = TestLoad.Single(document, "psp-capabilities");
        Assert.Equal("registry://ghcr.io/kubewarden/policies/psp-capabilities:v0.1.7", psp.Policy.Module);
        Assert.Equal(PolicyMode.Protect, psp.PolicyMode);
        Assert.True(psp.AllowedToMutate);
        Assert.Equal("My custom error message", psp.Message);
        Assert.Equal(["*"], psp.Policy.HostCapabilities);
        Assert.Empty(psp.Policy.ContextAwareResources);
        Assert.Null(psp.Policy.TimeoutEvalSeconds);
        Assert.Null(psp.Policy.Timeout);
        Assert.Equal("""{"allowed_capabilities":["*"]}""", psp.Policy.SettingsJson);
        Assert.Equal(JsonValueKind.Object, psp.Policy.Settings!.Value.ValueKind);
        Assert.Equal("*", psp.Policy.Settings.Value.GetProperty("allowed_capabilities")[0].GetString());

        var group = TestLoad.Group(document, "pod-image-signatures");
        Assert.Equal(PolicyMode.Monitor, group.PolicyMode);
        Assert.Equal("sigstore_pgp() || (sigstore_gh_action() && reject_latest_tag())", group.Expression);
        Assert.Equal("The group policy is rejected.", group.Message);
        Assert.Equal(["sigstore_pgp", "sigstore_gh_action", "reject_latest_tag"], group.Members.Select(m => m.Name));

        var pgp = group.FindMember("sigstore_pgp")!;
        Assert.Equal("ghcr.io/kubewarden/policies/verify-image-signatures:v0.2.8", pgp.Policy.Module);
        Assert.Equal("{}", pgp.Policy.SettingsJson);
        Assert.Empty(pgp.Policy.HostCapabilities);
        Assert.Null(pgp.Policy.Timeout);

        var gh = group.FindMember("sigstore_gh_action")!;
        Assert.Equal("""{"signatures":[{"githubActions":{"owner":"kubewarden"},"image":"*"}]}""", gh.Policy.SettingsJson);
        Assert.Equal(5UL, gh.Policy.TimeoutEvalSeconds);
        Assert.Equal(TimeSpan.FromSeconds(5), gh.Policy.Timeout);
        Assert.Equal(["oci/*"], gh.Policy.HostCapabilities);
        Assert.Equal([new ContextAwareResourceConfig("v1", "Pod")], gh.Policy.ContextAwareResources);

        var latest = group.FindMember("reject_latest_tag")!;
        Assert.Null(latest.Policy.Settings);
        Assert.Null(latest.Policy.SettingsJson);
        Assert.Empty(latest.Policy.ContextAwareResources);
    }

    [Fact]
    public void Defaults_apply_when_fields_are_absent()
    {
        var document = TestLoad.Ok("p:\n  module: file:///tmp/p.wasm\n");
        var policy = TestLoad.Single(document, "p");
        Assert.Equal(PolicyMode.Protect, policy.PolicyMode);
        Assert.False(policy.AllowedToMutate);
        Assert.Null(policy.Policy.Settings);
        Assert.Null(policy.Message);
        Assert.Null(policy.Policy.Timeout);
        Assert.Empty(policy.Policy.HostCapabilities);
        Assert.Empty(policy.Policy.ContextAwareResources);
    }

    [Fact]
    public void Explicit_nulls_are_defaults()
    {
        var document = TestLoad.Ok("""
            p:
              module: file:///tmp/p.wasm
              policyMode: ~
              allowedToMutate: null
              settings: null
              message: ~
              timeoutEvalSeconds: ~
              hostCapabilities: ~
              contextAwareResources: ~
            """);
        var policy = TestLoad.Single(document, "p");
        Assert.Equal(new SinglePolicyConfig("p", new PolicyModuleConfig("file:///tmp/p.wasm", null, [], null, []), PolicyMode.Protect, false, null), policy);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("~")]
    [InlineData("---\n")]
    public void Empty_file_is_zero_policies(string content)
    {
        Assert.Empty(TestLoad.Ok(content).Entries);
    }

    [Fact]
    public void Empty_json_object_is_zero_policies()
    {
        Assert.Empty(TestLoad.Ok("{}").Entries);
    }

    [Fact]
    public void Context_aware_resources_are_sorted_and_deduplicated_like_a_btreeset()
    {
        var document = TestLoad.Ok("""
            p:
              module: file:///tmp/p.wasm
              contextAwareResources:
                - {apiVersion: v1, kind: Pod}
                - {apiVersion: apps/v1, kind: Deployment, extra: ignored}
                - {apiVersion: v1, kind: Namespace}
                - {apiVersion: v1, kind: Pod}
            """);
        Assert.Equal(
            [new("apps/v1", "Deployment"), new("v1", "Namespace"), new ContextAwareResourceConfig("v1", "Pod")],
            TestLoad.Single(document, "p").Policy.ContextAwareResources);
    }

    [Fact]
    public void Load_file_reads_from_disk_and_names_the_source()
    {
        var path = Path.Combine(Path.GetTempPath(), $"policies-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, "p:\n  module: file:///tmp/p.wasm\n  policyMode: enforce\n");
        try
        {
            var result = PoliciesFileLoader.LoadFile(path);
            Assert.False(result.Success);
            Assert.Equal(result.SourceName, path);
            Assert.Equal($"{path}:3:15: policy `p`: policyMode must be \"protect\" or \"monitor\", got \"enforce\"", result.FormatErrors());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
