using System.Text.Json;

namespace Kubewarden.Rego.Tests;

public sealed class YamlBuiltinsTests
{
    public static TheoryData<string, string> Documents => new()
    {
        { "{\"hello\": \"world\", \"number\": 42, \"list\": [1, 2, 3]}", "hello: world\nlist:\n  - 1\n  - 2\n  - 3\nnumber: 42\n" },
        { "{\"a\": {\"b\": {\"c\": true}}, \"d\": null}", "a:\n  b:\n    c: true\nd: null\n" },
        { "[{\"name\": \"x\", \"ports\": [80, 443]}, {\"name\": \"y\"}]", "- name: x\n  ports:\n    - 80\n    - 443\n- name: \"y\"\n" },
        { "[[1, 2], []]", "- - 1\n  - 2\n- []\n" },
        { "{\"empty\": {}, \"none\": []}", "empty: {}\nnone: []\n" },
        { "{}", "{}\n" },
        { "[]", "[]\n" },
        { "null", "null\n" },
        { "\"foo\"", "foo\n" },
        { "true", "true\n" },
        { "{\"b\": 1, \"a10\": 2, \"a2\": 3, \"A\": 4, \"_\": 5}", "_: 5\nA: 4\na2: 3\na10: 2\nb: 1\n" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Marshal_writes_block_yaml_with_sorted_keys(string json, string yaml) =>
        Assert.Equal(yaml, JsonText.String(BuiltinHarness.Call("yaml.marshal", json)));

    [Theory]
    [InlineData("42", "42\n")]
    [InlineData("-7", "-7\n")]
    [InlineData("1.5", "1.5\n")]
    [InlineData("1.0", "1\n")]
    [InlineData("0.000001", "1e-06\n")]
    [InlineData("1000000.5", "1.0000005e+06\n")]
    [InlineData("1e3", "1000\n")]
    [InlineData("12345678901234567890", "12345678901234567890\n")]
    [InlineData("123456789012345678901234", "1.2345678901234569e+23\n")]
    public void Marshal_writes_numbers_as_go_yaml_does(string json, string yaml) =>
        Assert.Equal(yaml, JsonText.String(BuiltinHarness.Call("yaml.marshal", json)));

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("on", "\"on\"")]
    [InlineData("n", "\"n\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("", "\"\"")]
    [InlineData("123", "\"123\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("1_000", "\"1_000\"")]
    [InlineData("1:20", "\"1:20\"")]
    [InlineData("2023-01-01", "\"2023-01-01\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("#comment", "'#comment'")]
    [InlineData("- item", "'- item'")]
    [InlineData(" padded ", "' padded '")]
    [InlineData("it's: x", "'it''s: x'")]
    [InlineData("a\tb", "\"a\tb\"")]
    [InlineData("key=value,other", "key=value,other")]
    [InlineData("caf\u00e9", "caf\u00e9")]
    [InlineData("smile \ud83d\ude00", "\"smile \\U0001F600\"")]
    [InlineData("trailing \n ", "\"trailing \\n \"")]
    public void Marshal_quotes_a_string_only_when_plain_text_would_read_back_differently(string text, string yaml) =>
        Assert.Equal($"s: {yaml}\n", JsonText.String(BuiltinHarness.Call("yaml.marshal", JsonSerializer.Serialize(new { s = text }))));

    [Theory]
    [InlineData("line1\nline2", "s: |-\n  line1\n  line2\n")]
    [InlineData("line1\nline2\n", "s: |\n  line1\n  line2\n")]
    [InlineData("  indented\nnext", "s: |2-\n    indented\n  next\n")]
    public void Marshal_writes_multi_line_strings_as_literal_blocks(string text, string yaml) =>
        Assert.Equal(yaml, JsonText.String(BuiltinHarness.Call("yaml.marshal", JsonSerializer.Serialize(new { s = text }))));

    [Fact]
    public void Marshal_quotes_keys_like_values() =>
        Assert.Equal("\"n\": 3\ns: \"on\"\n", JsonText.String(BuiltinHarness.Call("yaml.marshal", "{\"n\": 3, \"s\": \"on\"}")));

    [Fact]
    public void Marshal_does_not_fold_long_lines()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 40));
        Assert.Equal($"s: {text}\n", JsonText.String(BuiltinHarness.Call("yaml.marshal", JsonSerializer.Serialize(new { s = text }))));
    }

    [Theory]
    [InlineData("hello: world\nlist:\n  - 1\n  - 2\nnumber: 42\n", "{\"hello\":\"world\",\"list\":[1,2],\"number\":42}")]
    [InlineData("---\na: [1, {b: c}]\n", "{\"a\":[1,{\"b\":\"c\"}]}")]
    [InlineData("on: push\noff: x\n", "{\"on\":\"push\",\"off\":\"x\"}")]
    [InlineData("a: yes\nb: no\nc: y\nd: n\ne: On\nf: OFF\n", "{\"a\":\"yes\",\"b\":\"no\",\"c\":\"y\",\"d\":\"n\",\"e\":\"On\",\"f\":\"OFF\"}")]
    [InlineData("a: true\nb: FALSE\nc: True\n", "{\"a\":true,\"b\":false,\"c\":true}")]
    [InlineData("a: ~\nb: null\nc:\n", "{\"a\":null,\"b\":null,\"c\":null}")]
    [InlineData("a: 2023-01-01\nb: 2023-01-01 10:00:00\nc: 2023-01-01T10:00:00Z\n", "{\"a\":\"2023-01-01\",\"b\":\"2023-01-01 10:00:00\",\"c\":\"2023-01-01T10:00:00Z\"}")]
    [InlineData("1: a\ntrue: b\n1.5: c\n", "{\"1\":\"a\",\"true\":\"b\",\"1.5\":\"c\"}")]
    [InlineData("a: 1\nb: 9\na: 2\na: 3\n", "{\"a\":3,\"b\":9}")]
    [InlineData("1: a\n\"1\": b\n", "{\"1\":\"b\"}")]
    [InlineData("base: &b\n  on: 1\nderived:\n  <<: *b\n  y: 2\n", "{\"base\":{\"on\":1},\"derived\":{\"y\":2,\"on\":1}}")]
    [InlineData("p: &p\n  x: 1\nq:\n  <<: *p\n  x: 2\n", "{\"p\":{\"x\":1},\"q\":{\"x\":2}}")]
    [InlineData("p: &p {x: 1}\nq: &q {x: 2, y: 2}\nr:\n  <<: [*p, *q]\n", "{\"p\":{\"x\":1},\"q\":{\"x\":2,\"y\":2},\"r\":{\"x\":1,\"y\":2}}")]
    [InlineData("a: &t 2023-01-01\nb: *t\n", "{\"a\":\"2023-01-01\",\"b\":\"2023-01-01\"}")]
    [InlineData("a: 1\n---\nb: 2\n", "{\"a\":1}")]
    [InlineData("---\n---\na: 1\n", "null")]
    [InlineData("a: 1\n...\n", "{\"a\":1}")]
    [InlineData("", "null")]
    [InlineData("just text", "\"just text\"")]
    [InlineData("'123'", "\"123\"")]
    [InlineData("!!str 123", "\"123\"")]
    [InlineData("!!float 1", "1")]
    [InlineData("s: |\n  line1\n  line2\n", "{\"s\":\"line1\\nline2\\n\"}")]
    public void Unmarshal_reads_the_first_document_with_yaml_1_2_scalars(string yaml, string json) =>
        JsonText.Equal(json, BuiltinHarness.Call("yaml.unmarshal", JsonSerializer.Serialize(yaml)));

    [Theory]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("017", "15")]
    [InlineData("1_000", "1000")]
    [InlineData("+12", "12")]
    [InlineData("-0", "0")]
    [InlineData("1.0", "1")]
    [InlineData("1.5", "1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("1e3", "1000")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("1e21", "1e+21")]
    [InlineData("08", "8")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("123456789012345678901234", "1.2345678901234569e+23")]
    [InlineData("1e400", "\"1e400\"")]
    [InlineData("0x", "\"0x\"")]
    [InlineData("12:30", "\"12:30\"")]
    public void Unmarshal_resolves_numbers_as_go_yaml_v3_does(string yaml, string json) =>
        JsonText.Equal(json, BuiltinHarness.Call("yaml.unmarshal", JsonSerializer.Serialize(yaml)));

    [Theory]
    [InlineData("a: [1, 2", "yaml.unmarshal: ")]
    [InlineData("a: 1\n---\nb: [2\n", "yaml.unmarshal: ")]
    [InlineData("null: a\n", "yaml.unmarshal: yaml: unsupported map key of type: <nil>")]
    [InlineData("? [1, 2]\n: v\n", "yaml.unmarshal: yaml: invalid map key")]
    [InlineData("a: .inf\n", "yaml.unmarshal: json: unsupported value: +Inf")]
    [InlineData("a: *missing\n", "yaml.unmarshal: yaml: unknown anchor 'missing' referenced")]
    [InlineData("a:\n  <<: 1\n", "yaml.unmarshal: yaml: map merge requires map or sequence of maps as the value")]
    [InlineData("!!int abc", "yaml.unmarshal: yaml: cannot decode `abc` as a !!int")]
    public void Unmarshal_fails_on_invalid_yaml_or_yaml_without_a_json_form(string yaml, string messageStart) =>
        Assert.StartsWith(messageStart, BuiltinHarness.Fails("yaml.unmarshal", JsonSerializer.Serialize(yaml)).Message, StringComparison.Ordinal);

    [Fact]
    public void Unmarshal_refuses_documents_that_expand_aliases_without_end()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(0, 8).Select(i =>
            $"{(char)('b' + i)}: &{(char)('b' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i)}", 10))}]\n"));
        Assert.Equal("yaml.unmarshal: yaml: document contains excessive aliasing", BuiltinHarness.Fails("yaml.unmarshal", JsonSerializer.Serialize(yaml)).Message);
    }

    [Fact]
    public void Unmarshal_takes_a_string() =>
        Assert.Equal("yaml.unmarshal: operand 1 must be string but got object", BuiltinHarness.Fails("yaml.unmarshal", "{}").Message);

    [Theory]
    [InlineData("\"some_key: [1,2]\\nsome_other_key: [3.0, 4.0]\"", "true")]
    [InlineData("\"plain\"", "true")]
    [InlineData("\"\"", "true")]
    [InlineData("\"some_key: [1,2\"", "false")]
    [InlineData("\"a: 1\\n---\\nb: [2\\n\"", "false")]
    [InlineData("\"null: a\"", "false")]
    [InlineData("\"a: .nan\"", "false")]
    [InlineData("42", "false")]
    [InlineData("[\"a: 1\"]", "false")]
    public void Is_valid_tells_whether_unmarshal_would_succeed(string input, string expected) =>
        Assert.Equal(expected, BuiltinHarness.Call("yaml.is_valid", input));
}
