namespace Kubewarden.Rego.Tests;

public sealed class UrlQueryBuiltinsTests
{
    [Theory]
    [InlineData("\"a=b+1\"", "\"a%3Db%2B1\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("\"?foo=1&bar=test\"", "\"%3Ffoo%3D1%26bar%3Dtest\"")]
    [InlineData("\"hello world\"", "\"hello+world\"")]
    [InlineData("\"espa\u00f1ol\"", "\"espa%C3%B1ol\"")]
    [InlineData("\"-_.~/:@$,;!*'()\"", "\"-_.~%2F%3A%40%24%2C%3B%21%2A%27%28%29\"")]
    public void Encode_escapes_a_query_component(string input, string expected) =>
        JsonText.Equal(expected, BuiltinHarness.Call("urlquery.encode", input));

    [Theory]
    [InlineData("\"%3Ffoo%3D1%26bar%3Dtest\"", "\"?foo=1&bar=test\"")]
    [InlineData("\"a%3db%2b1\"", "\"a=b+1\"")]
    [InlineData("\"hello+world%20again\"", "\"hello world again\"")]
    [InlineData("\"espa%C3%B1ol\"", "\"espa\u00f1ol\"")]
    [InlineData("\"&&&&\"", "\"&&&&\"")]
    public void Decode_unescapes_a_query_component(string input, string expected) =>
        JsonText.Equal(expected, BuiltinHarness.Call("urlquery.decode", input));

    [Theory]
    [InlineData("\"%zz\"", "urlquery.decode: invalid URL escape \"%zz\"")]
    [InlineData("\"abc%2\"", "urlquery.decode: invalid URL escape \"%2\"")]
    [InlineData("\"100%\"", "urlquery.decode: invalid URL escape \"%\"")]
    [InlineData("\"%g1bcd\"", "urlquery.decode: invalid URL escape \"%g1\"")]
    [InlineData("true", "urlquery.decode: operand 1 must be string but got boolean")]
    public void Decode_rejects_invalid_escapes_as_Go_does(string input, string message) =>
        Assert.Equal(message, BuiltinHarness.Fails("urlquery.decode", input).Message);

    [Theory]
    [InlineData("{\"a\": \"b\", \"c\": \"d\"}", "\"a=b&c=d\"")]
    [InlineData("{\"a\": [\"b+1\", \"c+2\"]}", "\"a=b%2B1&a=c%2B2\"")]
    [InlineData("{\"a\": [\"b+1\"]}", "\"a=b%2B1\"")]
    [InlineData("{}", "\"\"")]
    [InlineData("{\"a\": \"b?b\"}", "\"a=b%3Fb\"")]
    [InlineData("{\"e\": [\"1\", \"2\"], \"d\": [\"b\", \"a\"], \"c\": \"true\", \"b\": \"bbb\", \"a\": \"1\"}", "\"a=1&b=bbb&c=true&d=b&d=a&e=1&e=2\"")]
    [InlineData("{\"b\": \"1\", \"B\": \"2\", \"a b\": \"3\", \"\u00e9\": \"4\"}", "\"B=2&a+b=3&b=1&%C3%A9=4\"")]
    [InlineData("{\"a\": [], \"b\": \"x\"}", "\"b=x\"")]
    public void Encode_object_sorts_keys_and_repeats_a_key_per_value(string input, string expected) =>
        JsonText.Equal(expected, BuiltinHarness.Call("urlquery.encode_object", input));

    [Theory]
    [InlineData("{\"a\": 1}", "urlquery.encode_object: operand 1 values must be string, array[string], or set[string]")]
    [InlineData("{\"a\": [\"x\", 1]}", "urlquery.encode_object: operand 1 values must be string, array[string], or set[string]")]
    [InlineData("{\"a\": {\"b\": \"c\"}}", "urlquery.encode_object: operand 1 values must be string, array[string], or set[string]")]
    [InlineData("\"a=b\"", "urlquery.encode_object: operand 1 must be object but got string")]
    public void Encode_object_takes_an_object_of_strings_or_string_arrays(string input, string message) =>
        Assert.Equal(message, BuiltinHarness.Fails("urlquery.encode_object", input).Message);

    [Theory]
    [InlineData("\"a=value_a1&b=value_b&a=value_a2\"", "{\"a\":[\"value_a1\",\"value_a2\"],\"b\":[\"value_b\"]}")]
    [InlineData("\"a=value_a1&b\"", "{\"a\":[\"value_a1\"],\"b\":[\"\"]}")]
    [InlineData("\"\"", "{}")]
    [InlineData("\"&&a=1&&\"", "{\"a\":[\"1\"]}")]
    [InlineData("\"x%20y=1+2&=empty\"", "{\"x y\":[\"1 2\"],\"\":[\"empty\"]}")]
    [InlineData("\"k=a=b\"", "{\"k\":[\"a=b\"]}")]
    public void Decode_object_collects_the_values_of_each_key(string input, string expected) =>
        JsonText.Equal(expected, BuiltinHarness.Call("urlquery.decode_object", input));

    [Theory]
    [InlineData("\"a=1;b=2\"", "urlquery.decode_object: invalid semicolon separator in query")]
    [InlineData("\"a=%zz&b=%yy\"", "urlquery.decode_object: invalid URL escape \"%zz\"")]
    [InlineData("\"a=%zz&b=1;c\"", "urlquery.decode_object: invalid semicolon separator in query")]
    [InlineData("[]", "urlquery.decode_object: operand 1 must be string but got array")]
    public void Decode_object_reports_the_error_Go_reports(string input, string message) =>
        Assert.Equal(message, BuiltinHarness.Fails("urlquery.decode_object", input).Message);

    [Fact]
    public void Decode_object_refuses_more_than_ten_thousand_parameters()
    {
        var query = string.Join("&", Enumerable.Repeat("a=1", 10001));
        Assert.Equal("urlquery.decode_object: number of URL query parameters exceeded limit", BuiltinHarness.Fails("urlquery.decode_object", $"\"{query}\"").Message);
        Assert.StartsWith("{\"a\":[", BuiltinHarness.Call("urlquery.decode_object", $"\"{string.Join("&", Enumerable.Repeat("a=1", 10000))}\""), StringComparison.Ordinal);
    }
}
