namespace Kubewarden.Rego.Tests;

public sealed class RegexBuiltinsTests
{
    [Theory]
    [InlineData(@"""^[a-z]+\\[[0-9]+\\]$""", @"""""", @"[""""]")]
    [InlineData(@"""^[a-z]+""", @"""foobar baz""", @"["""","" baz""]")]
    [InlineData(@"""[a-z]+$""", @"""foobar baz""", @"[""foobar "",""""]")]
    [InlineData(@"""^[a-z]+$""", @"""foobar baz""", @"[""foobar baz""]")]
    [InlineData(@"""^[a-z ]+$""", @"""foobar baz""", @"["""",""""]")]
    [InlineData(@"""a""", @"""banana""", @"[""b"",""n"",""n"",""""]")]
    [InlineData(@"""z+""", @"""pizza""", @"[""pi"",""a""]")]
    [InlineData(@"""/""", @"""foo//bar/baz""", @"[""foo"","""",""bar"",""baz""]")]
    [InlineData(@"""""", @"""abc""", @"[""a"",""b"",""c""]")]
    [InlineData(@"""""", @"""""", "[]")]
    public void Split_cuts_the_value_at_every_match_as_Go_does(string pattern, string value, string expected)
    {
        Assert.Equal(expected, BuiltinHarness.Call("regex.split", pattern, value));
    }

    [Theory]
    [InlineData(@"""a.""", "-1", @"[""ar"",""an"",""al""]")]
    [InlineData(@"""a.""", "2", @"[""ar"",""an""]")]
    [InlineData(@"""a.""", "10", @"[""ar"",""an"",""al""]")]
    [InlineData(@"""a.""", "0", "[]")]
    [InlineData(@"""bork""", "-1", "[]")]
    public void Find_n_returns_the_first_n_matches_or_all_for_minus_one(string pattern, string n, string expected)
    {
        Assert.Equal(expected, BuiltinHarness.Call("regex.find_n", pattern, @"""paranormal""", n));
    }

    [Fact]
    public void Find_n_skips_an_empty_match_right_after_a_match_as_Go_does()
    {
        Assert.Equal(@"["""",""aaa"",""""]", BuiltinHarness.Call("regex.find_n", @"""a*""", @"""baaac""", "-1"));
    }

    [Theory]
    [InlineData(@"""urn:foo:{.*}""", @"""urn:foo:bar:baz""", @"""{""", @"""}""", "true")]
    [InlineData(@"""urn:foo.bar.com:{.*}""", @"""urn:foo.bar.com:bar:baz""", @"""{""", @"""}""", "true")]
    [InlineData(@"""urn:foo.bar.com:{.*}""", @"""urn:foo.com:bar:baz""", @"""{""", @"""}""", "false")]
    [InlineData(@"""urn:foo.bar.com:{.*}""", @"""foobar""", @"""{""", @"""}""", "false")]
    [InlineData(@"""urn:foo.bar.com:{.{1,2}}""", @"""urn:foo.bar.com:aa""", @"""{""", @"""}""", "true")]
    [InlineData(@"""urn:foo:<.*>""", @"""urn:foo:bar:baz""", @"""<""", @""">""", "true")]
    [InlineData(@"""urn:foo:{.*}""", @"""urn:foo:{.*}""", @"""<""", @""">""", "true")]
    [InlineData(@"""/users/id-{[0-9]{1,4}}/update""", @"""/users/id-123/update""", @"""{""", @"""}""", "true")]
    [InlineData(@"""/users/id-{[0-9]{1,4}}/update""", @"""/users/id-123123/update""", @"""{""", @"""}""", "false")]
    [InlineData(@"""foo""", @"""xfoox""", @"""{""", @"""}""", "false")]
    [InlineData(@"""t-(10+)-235""", @"""t-10000-235""", @"""(""", @""")""", "true")]
    [InlineData(@"""ast-[ab+]-235""", @"""ast-abbbb-235""", @"""[""", @"""]""", "true")]
    public void Template_match_matches_the_whole_value_against_literal_text_and_embedded_patterns(
        string template, string value, string start, string end, string expected)
    {
        Assert.Equal(expected, BuiltinHarness.Call("regex.template_match", template, value, start, end));
    }

    [Theory]
    [InlineData(@"""urn:foo.bar.com:{.*{}""", @"""{""", @"""}""", @"regex.template_match: unbalanced braces in ""urn:foo.bar.com:{.*{}""")]
    [InlineData(@"""urn:}""", @"""{""", @"""}""", @"regex.template_match: unbalanced braces in ""urn:}""")]
    [InlineData(@"""{a)(b}""", @"""{""", @"""}""", "regex.template_match: error parsing regexp: unexpected ): `^a)(b$`")]
    [InlineData(@"""{a}""", @"""{{""", @"""}""", "regex.template_match: start delimiter has to be exactly one character long but is 2 long")]
    [InlineData(@"""{a}""", @"""{""", @"""é""", "regex.template_match: end delimiter has to be exactly one character long but is 2 long")]
    [InlineData(@"""{a}""", @"""{""", @"""""", "regex.template_match: end delimiter has to be exactly one character long but is 0 long")]
    public void Template_match_rejects_bad_templates_and_delimiters(string template, string start, string end, string message)
    {
        Assert.Equal(message, BuiltinHarness.Fails("regex.template_match", template, @"""a""", start, end).Message);
    }

    [Theory]
    [InlineData("regex.split", new[] { "1", @"""a""" }, "regex.split: operand 1 must be string but got number")]
    [InlineData("regex.split", new[] { @"""a""", "null" }, "regex.split: operand 2 must be string but got null")]
    [InlineData("regex.find_n", new[] { @"""a""", @"""a""", @"""1""" }, "regex.find_n: operand 3 must be number but got string")]
    [InlineData("regex.find_n", new[] { @"""a""", @"""a""", "1.5" }, "regex.find_n: operand 3 must be integer number but got floating-point number")]
    [InlineData("regex.find_n", new[] { @"""a""", @"""a""", "1e2" }, "regex.find_n: operand 3 must be integer number but got floating-point number")]
    [InlineData("regex.template_match", new[] { @"""a""", @"""a""", @"""{""", "[]" }, "regex.template_match: operand 4 must be string but got array")]
    public void Wrong_argument_types_fail_as_in_OPA(string builtin, string[] arguments, string message)
    {
        Assert.Equal(message, BuiltinHarness.Fails(builtin, arguments).Message);
    }

    [Fact]
    public void An_invalid_pattern_fails_with_Go_s_parse_error()
    {
        Assert.Equal("regex.split: error parsing regexp: missing closing ): `(a`", BuiltinHarness.Fails("regex.split", @"""(a""", @"""a""").Message);
    }

    [Fact]
    public void A_pattern_that_would_backtrack_catastrophically_answers_promptly()
    {
        var value = $@"""{new string('a', 20_000)}!""";
        Assert.Equal("[]", BuiltinHarness.Call("regex.find_n", @"""(a+)+$""", value, "-1"));
    }
}
