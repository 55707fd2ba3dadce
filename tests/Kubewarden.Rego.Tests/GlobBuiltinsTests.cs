namespace Kubewarden.Rego.Tests;

public sealed class GlobBuiltinsTests
{
    [Theory]
    [InlineData("\"*.github.com\"", "\"\\\\*.github.com\"")]
    [InlineData("\"*.domain-*.com\"", "\"\\\\*.domain-\\\\*.com\"")]
    [InlineData("\"domain.com\"", "\"domain.com\"")]
    [InlineData("\"domain-[ab].com\"", "\"domain-\\\\[ab\\\\].com\"")]
    [InlineData("\"nie?ce\"", "\"nie\\\\?ce\"")]
    [InlineData("\"{foo*}\"", "\"\\\\{foo\\\\*\\\\}\"")]
    [InlineData("\"a\\\\b\"", "\"a\\\\\\\\b\"")]
    [InlineData("\"a,b!c-d\"", "\"a,b!c-d\"")]
    public void Quote_meta_escapes_the_glob_metacharacters(string input, string expected) =>
        JsonText.Equal(expected, BuiltinHarness.Call("glob.quote_meta", input));

    [Fact]
    public void Quote_meta_takes_a_string() =>
        Assert.Equal("glob.quote_meta: operand 1 must be string but got null", BuiltinHarness.Fails("glob.quote_meta", "null").Message);
}
