namespace Kubewarden.Rego.Tests;

public sealed class EncodingBuiltinsTests
{
    [Theory]
    [InlineData("\"message\"", "\"bWVzc2FnZQ\"")]
    [InlineData("\"hello\"", "\"aGVsbG8\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("\"\\u00ff\\u00fe?>\"", "\"w7_Dvj8-\"")]
    public void Base64url_encode_no_pad_uses_the_url_alphabet_without_padding(string input, string expected) =>
        JsonText.Equal(expected, BuiltinHarness.Call("base64url.encode_no_pad", input));

    [Fact]
    public void Base64url_encode_no_pad_takes_a_string() =>
        Assert.Equal("base64url.encode_no_pad: operand 1 must be string but got array", BuiltinHarness.Fails("base64url.encode_no_pad", "[]").Message);

    [Theory]
    [InlineData("\"hello\"", "\"68656c6c6f\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("\"\\u00e9\"", "\"c3a9\"")]
    public void Hex_encode_writes_the_utf8_bytes_in_lower_case(string input, string expected) =>
        JsonText.Equal(expected, BuiltinHarness.Call("hex.encode", input));

    [Theory]
    [InlineData("\"68656c6c6f\"", "\"hello\"")]
    [InlineData("\"6D657373616765\"", "\"message\"")]
    [InlineData("\"c3a9\"", "\"\u00e9\"")]
    [InlineData("\"\"", "\"\"")]
    public void Hex_decode_reads_pairs_of_hex_digits(string input, string expected) =>
        JsonText.Equal(expected, BuiltinHarness.Call("hex.decode", input));

    [Theory]
    [InlineData("\"fghijkl\"", "hex.decode: encoding/hex: invalid byte: U+0067 'g'")]
    [InlineData("\"abc\"", "hex.decode: encoding/hex: odd length hex string")]
    [InlineData("\"abz\"", "hex.decode: encoding/hex: invalid byte: U+007A 'z'")]
    [InlineData("\"a\\n\"", "hex.decode: encoding/hex: invalid byte: U+000A")]
    [InlineData("42", "hex.decode: operand 1 must be string but got number")]
    public void Hex_decode_rejects_what_is_not_hex_as_Go_does(string input, string message) =>
        Assert.Equal(message, BuiltinHarness.Fails("hex.decode", input).Message);

    [Theory]
    [InlineData("\"[1,2]\"", "true")]
    [InlineData("\"{\\\"a\\\": [true, null, -1.5e3]}\"", "true")]
    [InlineData("\" \\\"x\\\" \\n\"", "true")]
    [InlineData("\"[1,2\"", "false")]
    [InlineData("\"\"", "false")]
    [InlineData("\"{'a': 1}\"", "false")]
    [InlineData("\"[1,]\"", "false")]
    [InlineData("\"01\"", "false")]
    [InlineData("\"1 2\"", "false")]
    [InlineData("\"NaN\"", "false")]
    [InlineData("42", "false")]
    [InlineData("null", "false")]
    public void Json_is_valid_accepts_exactly_RFC_8259_and_is_false_for_non_strings(string input, string expected) =>
        JsonText.Equal(expected, BuiltinHarness.Call("json.is_valid", input));

    [Fact]
    public void Json_is_valid_accepts_deep_nesting_as_Go_does()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        Assert.Equal("true", BuiltinHarness.Call("json.is_valid", $"\"{deep}\""));
    }
}
