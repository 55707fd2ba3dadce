using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubewarden.Rego.Tests;

/// <summary>Go's RE2 syntax and semantics, where .NET's own would answer differently, observed through regex.find_n.</summary>
public sealed class Re2SyntaxTests
{
    [Theory]
    [InlineData(@"\d+", "a\u0661\u0662b12", @"[""12""]")]
    [InlineData(@"\w+", "h\u00e9llo", @"[""h"",""llo""]")]
    [InlineData(@"\s", "a\u000bb", "[]")]
    [InlineData(@"\S+", "a b", @"[""a"",""b""]")]
    [InlineData(@"[\d\s]+", "a1 2b", @"[""1 2""]")]
    [InlineData(@"[^\D]+", "ab12cd", @"[""12""]")]
    [InlineData(@"[[:alpha:]]+", "ab12cd", @"[""ab"",""cd""]")]
    [InlineData(@"[[:^digit:]x]+", "ab12cd", @"[""ab"",""cd""]")]
    [InlineData(@"[[:upper:][:digit:]]+", "aB1c", @"[""B1""]")]
    [InlineData(@"[[:punct:]]+", "a!?b", @"[""!?""]")]
    [InlineData(@"\pL+", "abc123", @"[""abc""]")]
    [InlineData(@"\p{Lu}", "aBc", @"[""B""]")]
    [InlineData(@"\PL+", "ab12cd", @"[""12""]")]
    [InlineData(@"\p{^L}+", "ab12cd", @"[""12""]")]
    [InlineData(@"[\p{Nd}x]+", "x12y", @"[""x12""]")]
    [InlineData(@"\p{Any}+", "a\nb", "[\"a\\nb\"]")]
    public void Classes_are_those_of_Go(string pattern, string value, string expected)
    {
        AssertFinds(expected, pattern, value);
    }

    [Theory]
    [InlineData("a$", "a\n", "[]")]
    [InlineData("(?m)a$", "a\na", @"[""a"",""a""]")]
    [InlineData("(?m)^a", "a\na", @"[""a"",""a""]")]
    [InlineData("^a", "aa", @"[""a""]")]
    [InlineData(@"a\z", "aa", @"[""a""]")]
    [InlineData(@"\Aa", "aa", @"[""a""]")]
    [InlineData(@"\bfoo\b", "foo foobar", @"[""foo""]")]
    [InlineData(@"\Bo", "foo", @"[""o"",""o""]")]
    public void Anchors_are_those_of_Go(string pattern, string value, string expected)
    {
        AssertFinds(expected, pattern, value);
    }

    [Theory]
    [InlineData(".+", "a\nb", @"[""a"",""b""]")]
    [InlineData("(?s).+", "a\nb", "[\"a\\nb\"]")]
    [InlineData("(?i)hello", "HeLLo hello", @"[""HeLLo"",""hello""]")]
    [InlineData("(?i:a)b", "AB Ab", @"[""Ab""]")]
    [InlineData("a(?i)b", "aB AB", @"[""aB""]")]
    [InlineData("(?i)[^a]", "aAb", @"[""b""]")]
    [InlineData("(?i)[a-c]+", "xABCx", @"[""ABC""]")]
    [InlineData("(?U)a+", "aaa", @"[""a"",""a"",""a""]")]
    [InlineData("(?U)a+?", "aaa", @"[""aaa""]")]
    [InlineData("a+?", "aaa", @"[""a"",""a"",""a""]")]
    [InlineData("(?i-i)a", "aA", @"[""a""]")]
    [InlineData("(?P<word>[a-z]+)", "ab cd", @"[""ab"",""cd""]")]
    [InlineData("(?<w>x)", "xx", @"[""x"",""x""]")]
    [InlineData("(?:ab)+", "ababa", @"[""abab""]")]
    [InlineData("a|ab", "ab", @"[""a""]")]
    public void Flags_groups_and_repetitions_behave_as_in_Go(string pattern, string value, string expected)
    {
        AssertFinds(expected, pattern, value);
    }

    [Theory]
    [InlineData(@"\Qa.b\E+", "a.bbb axb", @"[""a.bbb""]")]
    [InlineData(@"\Q*+", "*+", @"[""*+""]")]
    [InlineData(@"\x41\x{1F600}\101", "A\U0001F600A", "[\"A\U0001F600A\"]")]
    [InlineData(@"\_\.\#", "_.#", @"[""_.#""]")]
    [InlineData(@"a{,2}", "a{,2}", @"[""a{,2}""]")]
    [InlineData(@"x{01}", "x{01}", @"[""x{01}""]")]
    [InlineData(@"a{2}", "aaaaa", @"[""aa"",""aa""]")]
    [InlineData(@"a{2,}", "aaaaa", @"[""aaaaa""]")]
    [InlineData(@"[]a]+", "]a]", @"[""]a]""]")]
    [InlineData(@"[^]a]+", "]xa", @"[""x""]")]
    [InlineData(@"[a-]+", "a-b", @"[""a-""]")]
    [InlineData(@"[[:foo]+", "[:fo", @"[""[:fo""]")]
    [InlineData(@"a#b c", "a#b c", @"[""a#b c""]")]
    public void Escapes_and_literals_behave_as_in_Go(string pattern, string value, string expected)
    {
        AssertFinds(expected, pattern, value);
    }

    [Theory]
    [InlineData(".", "\U0001F600a", "[\"\U0001F600\",\"a\"]")]
    [InlineData("[^a]", "a\U0001F600", "[\"\U0001F600\"]")]
    [InlineData("[\U0001F600-\U0001F602]", "\U0001F601x\U0001F602", "[\"\U0001F601\",\"\U0001F602\"]")]
    [InlineData("\U0001F600+", "\U0001F600\U0001F600", "[\"\U0001F600\U0001F600\"]")]
    [InlineData(@"\PL", "\U0001F600", "[\"\U0001F600\"]")]
    [InlineData("", "\U0001F600", @"["""",""""]")]
    public void Characters_beyond_the_BMP_are_matched_whole(string pattern, string value, string expected)
    {
        AssertFinds(expected, pattern, value);
    }

    [Theory]
    [InlineData("(a", "missing closing ): `(a`")]
    [InlineData("a)", "unexpected ): `a)`")]
    [InlineData("a**", "invalid nested repetition operator: `**`")]
    [InlineData("a*??", "invalid nested repetition operator: `*??`")]
    [InlineData("x{2}{3}", "invalid nested repetition operator: `{2}{3}`")]
    [InlineData("*a", "missing argument to repetition operator: `*`")]
    [InlineData("a|*", "missing argument to repetition operator: `*`")]
    [InlineData("(+)", "missing argument to repetition operator: `+`")]
    [InlineData("a{1001}", "invalid repeat count: `{1001}`")]
    [InlineData("a{3,2}", "invalid repeat count: `{3,2}`")]
    [InlineData("(a{10}){101}", "invalid repeat count: `{101}`")]
    [InlineData(@"(a)\1", @"invalid escape sequence: `\1`")]
    [InlineData(@"\8", @"invalid escape sequence: `\8`")]
    [InlineData(@"\Z", @"invalid escape sequence: `\Z`")]
    [InlineData(@"\C", @"invalid escape sequence: `\C`")]
    [InlineData(@"\xZ", @"invalid escape sequence: `\xZ`")]
    [InlineData(@"a\", "trailing backslash at end of expression: ``")]
    [InlineData("(?=a)", "invalid or unsupported Perl syntax: `(?=`")]
    [InlineData("(?!a)", "invalid or unsupported Perl syntax: `(?!`")]
    [InlineData("(?i", "invalid or unsupported Perl syntax: `(?i`")]
    [InlineData("(?i-)", "invalid or unsupported Perl syntax: `(?i-)`")]
    [InlineData("(?<=a)b", "invalid named capture: `(?<=a)b`")]
    [InlineData("(?P<>a)", "invalid named capture: `(?P<>`")]
    [InlineData("(?P<n>a)(?P<n>b)", "invalid named capture: `(?P<n>`")]
    [InlineData("[a", "missing closing ]: `[a`")]
    [InlineData("[z-a]", "invalid character class range: `z-a`")]
    [InlineData("[[:foo:]]", "invalid character class range: `[:foo:]`")]
    [InlineData(@"\pX", @"invalid character class range (Unicode scripts are not supported): `\pX`")]
    [InlineData(@"\p{Greek}", @"invalid character class range (Unicode scripts are not supported): `\p{Greek}`")]
    public void Patterns_Go_rejects_fail_with_Go_s_message(string pattern, string error)
    {
        Assert.Equal(
            $"regex.find_n: error parsing regexp: {error}",
            BuiltinHarness.Fails("regex.find_n", JsonSerializer.Serialize(pattern), @"""x""", "-1").Message);
    }

    // Compared as JSON values: the answer escapes non-ASCII characters.
    private static void AssertFinds(string expected, string pattern, string value)
    {
        var actual = BuiltinHarness.Call("regex.find_n", JsonSerializer.Serialize(pattern), JsonSerializer.Serialize(value), "-1");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}, got {actual}");
    }
}
