using System.Text;

namespace Kubewarden.Policies.Tests;

public sealed class HostileInputTests
{
    [Fact]
    public void Alias_expansion_bomb_is_rejected()
    {
        var yaml = new StringBuilder("p:\n  module: file:///x.wasm\n  settings:\n    l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
        for (var i = 1; i < 9; i++)
        {
            yaml.Append(Invariant($"    l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]\n"));
        }

        Assert.Equal(
            ["policy `p`: settings are too large (more than 1000000 values after alias expansion)"],
            TestLoad.Errors(yaml.ToString()));
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var depth = 1000;
        var yaml = $"p:\n  module: file:///x.wasm\n  settings: {{a: {new string('[', depth)}{new string(']', depth)}}}\n";
        var error = Assert.Single(TestLoad.Errors(yaml));
        Assert.Contains("nesting deeper than 256 levels", error, StringComparison.Ordinal);

        var json = $"{{\"p\": {{\"module\": \"file:///x.wasm\", \"settings\": {{\"a\": {new string('[', depth)}{new string(']', depth)}}}}}}}";
        Assert.Single(TestLoad.Errors(json));
    }

    [Fact]
    public void Invalid_utf8_is_reported()
    {
        var result = PoliciesFileLoader.Load([(byte)'p', (byte)':', (byte)' ', 0xFF, 0xFE], null);
        Assert.Equal("the policies file is not valid UTF-8", Assert.Single(result.Errors).Message);
    }

    private static string Invariant(FormattableString value) => FormattableString.Invariant(value);
}
