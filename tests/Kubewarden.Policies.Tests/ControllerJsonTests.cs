namespace Kubewarden.Policies.Tests;

public sealed class ControllerJsonTests
{
    private const string ControllerConfigMap = """
        {
          "clusterwide-privileged-pods": {
            "namespacedName": {"Namespace": "", "Name": "privileged-pods"},
            "module": "registry://ghcr.io/kubewarden/policies/pod-privileged:v0.2.5",
            "policyMode": "protect",
            "allowedToMutate": false,
            "settings": {"skip_init_containers": true, "max": 12345678901234567890, "ratio": 1.50, "exp": 1e3},
            "contextAwareResources": [{"apiVersion": "v1", "kind": "Namespace"}],
            "timeoutEvalSeconds": 10,
            "hostCapabilities": ["*"]
          },
          "namespaced-default-psa": {
            "namespacedName": {"Namespace": "default", "Name": "psa"},
            "module": "ghcr.io:443/kubewarden/policies/psa-label-enforcer:v0.1.1",
            "policyMode": "monitor",
            "allowedToMutate": true,
            "settings": null,
            "message": "nope",
            "hostCapabilities": ["oci/v1/*", "kubernetes/can_i"]
          },
          "clusterwide-group-signed": {
            "namespacedName": {"Namespace": "", "Name": "signed"},
            "policyMode": "protect",
            "expression": "a() && b()",
            "message": "not signed",
            "policies": {
              "a": {"module": "registry://ghcr.io/x/a:v1", "settings": {}, "timeoutEvalSeconds": 3, "hostCapabilities": ["*"]},
              "b": {"module": "registry://ghcr.io/x/b:v1", "settings": {"z": 1, "a": [true, null, "s"]}, "hostCapabilities": ["*"]}
            }
          }
        }
        """;

    [Fact]
    public void Controller_json_loads_and_ignores_namespacedName()
    {
        var document = TestLoad.Ok(ControllerConfigMap);
        Assert.Equal(3, document.Entries.Count);

        var privileged = TestLoad.Single(document, "clusterwide-privileged-pods");
        Assert.Equal("registry://ghcr.io/kubewarden/policies/pod-privileged:v0.2.5", privileged.Policy.Module);
        Assert.False(privileged.AllowedToMutate);
        Assert.Equal(TimeSpan.FromSeconds(10), privileged.Policy.Timeout);
        Assert.Equal([new ContextAwareResourceConfig("v1", "Namespace")], privileged.Policy.ContextAwareResources);
        Assert.Equal(["*"], privileged.Policy.HostCapabilities);

        var psa = TestLoad.Single(document, "namespaced-default-psa");
        Assert.Equal(PolicyMode.Monitor, psa.PolicyMode);
        Assert.True(psa.AllowedToMutate);
        Assert.Null(psa.Policy.Settings);
        Assert.Equal("nope", psa.Message);
        Assert.Equal(["oci/v1/*", "kubernetes/can_i"], psa.Policy.HostCapabilities);

        var group = TestLoad.Group(document, "clusterwide-group-signed");
        Assert.Equal("a() && b()", group.Expression);
        Assert.Equal("not signed", group.Message);
        Assert.Equal(3UL, group.FindMember("a")!.Policy.TimeoutEvalSeconds);
        Assert.Equal("""{"a":[true,null,"s"],"z":1}""", group.FindMember("b")!.Policy.SettingsJson);
    }

    [Fact]
    public void Json_numbers_are_kept_exactly()
    {
        var document = TestLoad.Ok(ControllerConfigMap);
        var privileged = TestLoad.Single(document, "clusterwide-privileged-pods");
        Assert.Equal(
            """{"exp":1e3,"max":12345678901234567890,"ratio":1.50,"skip_init_containers":true}""",
            privileged.Policy.SettingsJson);
        Assert.Equal(12345678901234567890UL, privileged.Policy.Settings!.Value.GetProperty("max").GetUInt64());
    }

    [Fact]
    public void Json_errors_carry_line_and_column()
    {
        var result = PoliciesFileLoader.Load("""
            {
              "p": {
                "module": "file:///x.wasm",
                "policyMode": "enforce"
              }
            }
            """, "cm.json");
        var error = Assert.Single(result.Errors);
        Assert.Equal("policy `p`: policyMode must be \"protect\" or \"monitor\", got \"enforce\"", error.Message);
        Assert.Equal(4, error.Line);
        Assert.Equal(19, error.Column);
        Assert.Equal("cm.json:4:19: policy `p`: policyMode must be \"protect\" or \"monitor\", got \"enforce\"", result.FormatErrors());
    }

    [Fact]
    public void Yaml_flow_mapping_starting_with_brace_falls_back_to_yaml()
    {
        var document = TestLoad.Ok("{p: {module: 'file:///x.wasm', settings: {n: 1}}}");
        Assert.Equal("""{"n":1}""", TestLoad.Single(document, "p").Policy.SettingsJson);
    }

    [Fact]
    public void Json_string_booleans_are_not_booleans()
    {
        Assert.Equal(
            ["policy `p`: allowedToMutate must be true or false, got \"true\""],
            TestLoad.Errors("""{"p": {"module": "file:///x.wasm", "allowedToMutate": "true"}}"""));
    }

    [Fact]
    public void Utf8_bom_is_skipped()
    {
        byte[] content = [0xEF, 0xBB, 0xBF, .. """{"p": {"module": "file:///x.wasm"}}"""u8];
        var result = PoliciesFileLoader.Load(content, null);
        Assert.True(result.Success, result.FormatErrors());
    }
}
