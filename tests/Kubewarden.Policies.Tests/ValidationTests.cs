namespace Kubewarden.Policies.Tests;

public sealed class ValidationTests
{
    [Fact]
    public void Unknown_policy_mode()
    {
        Assert.Equal(
            ["policy `psp`: policyMode must be \"protect\" or \"monitor\", got \"enforce\""],
            TestLoad.Errors("psp:\n  module: file:///x.wasm\n  policyMode: enforce\n"));
    }

    [Fact]
    public void Policy_mode_is_case_sensitive()
    {
        Assert.Equal(
            ["policy `psp`: policyMode must be \"protect\" or \"monitor\", got \"Monitor\""],
            TestLoad.Errors("psp:\n  module: file:///x.wasm\n  policyMode: Monitor\n"));
    }

    [Fact]
    public void Module_is_required()
    {
        Assert.Equal(["policy `psp`: module is required"], TestLoad.Errors("psp:\n  settings: {}\n"));
        Assert.Equal(["policy `psp`: module is required"], TestLoad.Errors("psp:\n  module: ~\n"));
    }

    [Fact]
    public void Module_must_be_a_string()
    {
        Assert.Equal(["policy `psp`: module must be a string, got a list"], TestLoad.Errors("psp:\n  module: [a]\n"));
    }

    [Fact]
    public void Group_member_rejects_unknown_fields()
    {
        Assert.Equal(
            ["policy `grp`: member `a`: unknown field `allowedToMutate` (group members accept module, settings, contextAwareResources, timeoutEvalSeconds, hostCapabilities)"],
            TestLoad.Errors("""
                grp:
                  expression: a()
                  message: no
                  policies:
                    a: {module: file:///a.wasm, allowedToMutate: true}
                """));
    }

    [Fact]
    public void Group_member_rejects_policy_mode_and_message()
    {
        Assert.Equal(
            [
                "policy `grp`: member `a`: unknown field `policyMode` (group members accept module, settings, contextAwareResources, timeoutEvalSeconds, hostCapabilities)",
                "policy `grp`: member `a`: unknown field `message` (group members accept module, settings, contextAwareResources, timeoutEvalSeconds, hostCapabilities)",
            ],
            TestLoad.Errors("""
                grp:
                  expression: a()
                  message: no
                  policies:
                    a: {module: file:///a.wasm, policyMode: monitor, message: x}
                """));
    }

    [Fact]
    public void Unknown_fields_are_ignored_on_policies_and_groups()
    {
        var document = TestLoad.Ok("""
            p:
              module: file:///a.wasm
              namespacedName: {Namespace: "", Name: p}
              executionMode: kubewarden-wapc
            g:
              namespacedName: {Namespace: "", Name: g}
              allowedToMutate: true
              expression: a()
              message: no
              policies:
                a: {module: file:///a.wasm}
            """);
        Assert.Equal(2, document.Entries.Count);
    }

    [Fact]
    public void Ids_must_not_contain_slash()
    {
        Assert.Equal(["policy `a/b`: ids must not contain '/'"], TestLoad.Errors("a/b:\n  module: file:///x.wasm\n"));
    }

    [Fact]
    public void Member_names_must_not_contain_slash()
    {
        Assert.Equal(
            ["policy `g`: member `a/b`: member names must not contain '/'"],
            TestLoad.Errors("g:\n  expression: x()\n  message: m\n  policies:\n    a/b: {module: file:///x.wasm}\n"));
    }

    [Theory]
    [InlineData("abc", "\"abc\"")]
    [InlineData("-1", "-1")]
    [InlineData("1.5", "1.5")]
    [InlineData("\"5\"", "\"5\"")]
    [InlineData("[1]", "a list")]
    [InlineData("true", "true")]
    public void Timeout_must_be_non_negative_integer(string value, string got)
    {
        Assert.Equal(
            [$"policy `x`: timeoutEvalSeconds must be a non-negative integer, got {got}"],
            TestLoad.Errors($"x:\n  module: file:///x.wasm\n  timeoutEvalSeconds: {value}\n"));
    }

    [Fact]
    public void Timeout_accepts_yaml_integer_forms_and_saturates()
    {
        var document = TestLoad.Ok("""
            a: {module: file:///x.wasm, timeoutEvalSeconds: 0x10}
            b: {module: file:///x.wasm, timeoutEvalSeconds: 18446744073709551615}
            c: {module: file:///x.wasm, timeoutEvalSeconds: 0}
            """);
        Assert.Equal(TimeSpan.FromSeconds(16), TestLoad.Single(document, "a").Policy.Timeout);
        Assert.Equal(ulong.MaxValue, TestLoad.Single(document, "b").Policy.TimeoutEvalSeconds);
        Assert.Equal(TimeSpan.MaxValue, TestLoad.Single(document, "b").Policy.Timeout);
        Assert.Equal(TimeSpan.Zero, TestLoad.Single(document, "c").Policy.Timeout);
    }

    [Fact]
    public void Group_requires_expression_and_message()
    {
        Assert.Equal(
            ["policy `g`: expression is required", "policy `g`: message is required"],
            TestLoad.Errors("g:\n  policies:\n    a: {module: file:///x.wasm}\n"));
    }

    [Fact]
    public void Group_requires_policies()
    {
        Assert.Equal(
            ["policy `g`: policies is required"],
            TestLoad.Errors("g:\n  expression: a()\n  message: m\n"));
        Assert.Equal(
            ["policy `g`: policies must be a map of member name to member, got a list"],
            TestLoad.Errors("g:\n  expression: a()\n  message: m\n  policies: [a]\n"));
    }

    [Fact]
    public void Group_member_requires_module()
    {
        Assert.Equal(
            ["policy `g`: member `a`: module is required"],
            TestLoad.Errors("g:\n  expression: a()\n  message: m\n  policies:\n    a: {settings: {}}\n"));
    }

    [Theory]
    [InlineData("settings: 5", "5")]
    [InlineData("settings: [a, b]", "a list")]
    [InlineData("settings: hello", "\"hello\"")]
    [InlineData("settings: true", "true")]
    public void Settings_must_be_an_object_or_null(string line, string got)
    {
        Assert.Equal(
            [$"policy `p`: settings must be an object (map) or null, got {got}"],
            TestLoad.Errors($"p:\n  module: file:///x.wasm\n  {line}\n"));
    }

    [Fact]
    public void Other_field_types_are_checked()
    {
        Assert.Equal(
            [
                "policy `p`: allowedToMutate must be true or false, got \"yes\"",
                "policy `p`: contextAwareResources must be a list of {apiVersion, kind} maps, got a map",
                "policy `p`: hostCapabilities must be a list of strings, got \"*\"",
            ],
            TestLoad.Errors("""
                p:
                  module: file:///x.wasm
                  allowedToMutate: yes
                  contextAwareResources: {apiVersion: v1}
                  hostCapabilities: "*"
                """));
        Assert.Equal(
            [
                "policy `p`: contextAwareResources[0]: kind is required",
                "policy `p`: contextAwareResources[1] must be a map with apiVersion and kind, got \"Pod\"",
                "policy `p`: hostCapabilities[1] must be a string, got a map",
            ],
            TestLoad.Errors("""
                p:
                  module: file:///x.wasm
                  contextAwareResources: [{apiVersion: v1}, Pod]
                  hostCapabilities: ["oci/*", {a: b}]
                """));
    }

    [Fact]
    public void Top_level_must_be_a_map()
    {
        var result = PoliciesFileLoader.Load("- a\n- b\n", "p.yml");
        var error = Assert.Single(result.Errors);
        Assert.Equal("the policies file must be a map of policy id to policy, got a list", error.Message);
        Assert.Equal(1, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Equal(["the policies file must be a map of policy id to policy, got \"hello\""], TestLoad.Errors("hello"));
    }

    [Fact]
    public void Entry_must_be_a_map()
    {
        Assert.Equal(["policy `p` must be a map, got \"x\""], TestLoad.Errors("p: x\n"));
        Assert.Equal(["policy `p` must be a map, got null"], TestLoad.Errors("p:\n"));
    }

    [Fact]
    public void Yaml_syntax_error_has_line_and_column()
    {
        var result = PoliciesFileLoader.Load("p:\n  module: file:///x.wasm\n  settings: [a, b\n", "p.yml");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"invalid YAML at line {error.Line}, column {error.Column}: ", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multiple_yaml_documents_are_rejected()
    {
        var error = Assert.Single(TestLoad.Errors("a: {module: file:///x.wasm}\n---\nb: {module: file:///y.wasm}\n"));
        Assert.Equal("invalid YAML at line 2, column 1: the policies file must contain a single YAML document", error);
    }

    [Fact]
    public void Duplicates_are_rejected()
    {
        Assert.Equal(
            [
                "policy `a`: duplicate policy id",
                "policy `b`: duplicate field `module`",
                "policy `c`: settings: duplicate key `k`",
                "policy `g`: member `m`: duplicate member name",
            ],
            TestLoad.Errors("""
                a: {module: file:///x.wasm}
                a: {module: file:///y.wasm}
                b: {module: file:///x.wasm, module: file:///y.wasm}
                c: {module: file:///x.wasm, settings: {k: 1, k: 2}}
                g:
                  expression: m()
                  message: no
                  policies:
                    m: {module: file:///x.wasm}
                    m: {module: file:///y.wasm}
                """));
    }

    [Fact]
    public void All_errors_are_reported_together_in_document_order()
    {
        var result = PoliciesFileLoader.Load("""
            psp:
              policyMode: enforce
            a/b:
              module: file:///x.wasm
            x:
              module: file:///x.wasm
              timeoutEvalSeconds: abc
              policyMode: enforce
            g:
              policies:
                a: {module: file:///a.wasm, allowedToMutate: true}
                c/d: {}
            ok:
              module: file:///fine.wasm
            """, "policies.yml");
        Assert.False(result.Success);
        Assert.Equal(
            [
                "policy `psp`: module is required",
                "policy `a/b`: ids must not contain '/'",
                "policy `x`: timeoutEvalSeconds must be a non-negative integer, got \"abc\"",
                "policy `x`: policyMode must be \"protect\" or \"monitor\", got \"enforce\"",
                "policy `g`: expression is required",
                "policy `g`: message is required",
                "policy `g`: member `a`: unknown field `allowedToMutate` (group members accept module, settings, contextAwareResources, timeoutEvalSeconds, hostCapabilities)",
                "policy `g`: member `c/d`: member names must not contain '/'",
                "policy `g`: member `c/d`: module is required",
            ],
            result.Errors.Select(e => e.Message));
        Assert.All(result.Errors, e => Assert.NotNull(e.Line));
        Assert.Equal(result.Errors.Count, result.FormatErrors().Split(Environment.NewLine).Length);
    }
}
