using System.Text.Json;

namespace Kubewarden.Policies.Tests;

public sealed class EqualityTests
{
    private const string Yaml = """
        p:
          module: registry://ghcr.io/x/p:v1
          policyMode: monitor
          settings: {a: [1, 2, {b: true}], c: "x"}
          contextAwareResources: [{apiVersion: v1, kind: Pod}]
          hostCapabilities: ["oci/*"]
          timeoutEvalSeconds: 4
          message: m
        g:
          expression: a() || b()
          message: no
          policies:
            a: {module: file:///a.wasm, settings: {n: 1}}
            b: {module: file:///b.wasm, hostCapabilities: ["*"]}
        """;

    [Fact]
    public void Two_loads_of_the_same_file_are_equal()
    {
        var first = TestLoad.Ok(Yaml);
        var second = TestLoad.Ok(Yaml);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(first.Find("p"), second.Find("p"));
        Assert.Equal(first.Find("g"), second.Find("g"));
    }

    [Fact]
    public void Yaml_and_equivalent_json_are_equal()
    {
        var yaml = TestLoad.Ok("p: {module: file:///x.wasm, settings: {b: 1, a: [true, null]}, hostCapabilities: ['*']}");
        var json = TestLoad.Ok("""{"p": {"namespacedName": {"Name": "p"}, "module": "file:///x.wasm", "settings": {"a": [true, null], "b": 1}, "hostCapabilities": ["*"]}}""");
        Assert.Equal(yaml, json);
    }

    [Theory]
    [InlineData("{a: [1, 2, {b: false}], c: \"x\"}")]
    [InlineData("{a: [1, 2, {b: true}], c: \"y\"}")]
    [InlineData("{a: [2, 1, {b: true}], c: \"x\"}")]
    [InlineData("{a: [1, 2, {b: true}], c: \"x\", d: 1}")]
    [InlineData("{a: [1, 2, {b: \"true\"}], c: \"x\"}")]
    [InlineData("~")]
    public void A_changed_setting_is_unequal(string settings)
    {
        var original = TestLoad.Ok(Yaml);
        var changed = TestLoad.Ok(Yaml.Replace("settings: {a: [1, 2, {b: true}], c: \"x\"}", "settings: " + settings, StringComparison.Ordinal));
        Assert.NotEqual(original.Find("p"), changed.Find("p"));
        Assert.NotEqual(original, changed);
        Assert.Equal(original.Find("g"), changed.Find("g"));
    }

    [Theory]
    [InlineData("policyMode: monitor", "policyMode: protect")]
    [InlineData("timeoutEvalSeconds: 4", "timeoutEvalSeconds: 5")]
    [InlineData("hostCapabilities: [\"oci/*\"]", "hostCapabilities: [\"oci/*\", \"net/*\"]")]
    [InlineData("contextAwareResources: [{apiVersion: v1, kind: Pod}]", "contextAwareResources: [{apiVersion: v1, kind: Service}]")]
    [InlineData("message: m", "message: n")]
    [InlineData("module: registry://ghcr.io/x/p:v1", "module: registry://ghcr.io/x/p:v2")]
    [InlineData("a: {module: file:///a.wasm, settings: {n: 1}}", "a: {module: file:///a.wasm, settings: {n: 2}}")]
    [InlineData("expression: a() || b()", "expression: a() && b()")]
    public void Any_changed_field_is_unequal(string before, string after)
    {
        var original = TestLoad.Ok(Yaml);
        var changed = TestLoad.Ok(Yaml.Replace(before, after, StringComparison.Ordinal));
        Assert.NotEqual(original, changed);
    }

    [Fact]
    public void Key_order_and_formatting_do_not_count_as_changes()
    {
        var a = TestLoad.Ok("p: {module: file:///x.wasm, settings: {b: 1, a: {y: 2, x: 1}}}");
        var b = TestLoad.Ok("p:\n  settings:\n    a:\n      x: 1\n      y: 2\n    b: 1\n  module: file:///x.wasm\n");
        Assert.Equal(a, b);
    }

    [Fact]
    public void Records_built_in_code_compare_by_value()
    {
        using var one = JsonDocument.Parse("""{"b": 1, "a": [1]}""");
        using var two = JsonDocument.Parse("""{"a": [1], "b": 1}""");
        var left = new SinglePolicyConfig("p", new PolicyModuleConfig("file:///x.wasm", one.RootElement, [new("v1", "Pod")], 3, ["*"]), PolicyMode.Protect, false, null);
        var right = new SinglePolicyConfig("p", new PolicyModuleConfig("file:///x.wasm", two.RootElement, new List<ContextAwareResourceConfig> { new("v1", "Pod") }, 3, new[] { "*" }), PolicyMode.Protect, false, null);
        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.NotEqual(left, right with { Policy = right.Policy with { HostCapabilities = [] } });
        Assert.NotEqual(left, right with { Policy = right.Policy with { Settings = null } });
        Assert.Equal(left, right with { Policy = right.Policy with { Settings = JsonDocument.Parse("""{"a":[1],"b":1}""").RootElement } });
    }

    [Fact]
    public void Single_policy_and_group_with_same_id_differ()
    {
        var single = TestLoad.Ok("x: {module: file:///x.wasm}").Find("x");
        var group = TestLoad.Ok("x: {expression: a(), message: m, policies: {a: {module: file:///x.wasm}}}").Find("x");
        Assert.NotEqual(single, group);
    }
}
