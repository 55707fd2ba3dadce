namespace Kubewarden.Rego.Tests;

public sealed class SemverBuiltinsTests
{
    [Theory]
    [InlineData(@"""1.0.0""", "true")]
    [InlineData(@"""1.0.0-rc1""", "true")]
    [InlineData(@"""1.2.3-alpha.1+build.5""", "true")]
    [InlineData(@"""v1.2.3""", "true")]
    [InlineData(@"""invalidsemver-1.0.0""", "false")]
    [InlineData(@"""1.2""", "false")]
    [InlineData(@"""1.2.3.4""", "false")]
    [InlineData(@"""1.2.3-alpha..1""", "false")]
    [InlineData(@"""1.2.3+build_1""", "false")]
    [InlineData(@"""1.2.x""", "false")]
    [InlineData("1", "false")]
    [InlineData("null", "false")]
    [InlineData(@"[""1.0.0""]", "false")]
    public void Is_valid_tells_whether_the_value_is_a_semantic_version(string value, string expected)
    {
        Assert.Equal(expected, BuiltinHarness.Call("semver.is_valid", value));
    }

    [Theory]
    [InlineData("0.0.1", "0.1.0", "-1")]
    [InlineData("1.0.0-rc1", "1.0.0-rc1", "0")]
    [InlineData("0.1.0", "0.0.1", "1")]
    [InlineData("1.0.0-beta1", "1.0.0-alpha3", "1")]
    [InlineData("1.0.0-rc2", "1.0.0-rc1", "1")]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1", "-1")]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.beta", "-1")]
    [InlineData("1.0.0-alpha.beta", "1.0.0-beta", "-1")]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.11", "-1")]
    [InlineData("1.0.0-rc.1", "1.0.0", "-1")]
    [InlineData("1.0.0", "1.0.0-rc.1", "1")]
    [InlineData("2.0.0", "10.0.0", "-1")]
    [InlineData("1.0.0+build.1", "1.0.0+build.2", "0")]
    [InlineData("v1.0.0", "1.0.0", "0")]
    [InlineData("1.0.0-01", "1.0.0-1", "0")]
    public void Compare_orders_versions_by_SemVer_precedence(string a, string b, string expected)
    {
        Assert.Equal(expected, BuiltinHarness.Call("semver.compare", $@"""{a}""", $@"""{b}"""));
    }

    [Theory]
    [InlineData(@"""invalidsemver-1.0.0""", @"""0.1.0""", "semver.compare: operand 1: string invalidsemver-1.0.0 is not a valid SemVer")]
    [InlineData(@"""0.1.0""", @"""1.0""", "semver.compare: operand 2: string 1.0 is not a valid SemVer")]
    [InlineData("1", @"""0.1.0""", "semver.compare: operand 1 must be string but got number")]
    [InlineData(@"""0.1.0""", "{}", "semver.compare: operand 2 must be string but got object")]
    public void Compare_rejects_what_is_not_a_version(string a, string b, string message)
    {
        Assert.Equal(message, BuiltinHarness.Fails("semver.compare", a, b).Message);
    }
}
