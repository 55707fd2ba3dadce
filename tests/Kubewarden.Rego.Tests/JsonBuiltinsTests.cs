using System.Text.Json.Nodes;
using Kubewarden.Rego.Builtins;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Rego.Tests;

public sealed class JsonBuiltinsTests
{
    // From RFC 6902's appendix and OPA's json-patch-tests.yaml.
    public static TheoryData<string, string, string> Patches => new()
    {
        { "{\"a\": {\"foo\": 1}}", "[{\"op\": \"add\", \"path\": \"/a/bar\", \"value\": 2}]", "{\"a\":{\"foo\":1,\"bar\":2}}" },
        { "{\"foo\": \"bar\"}", "[{\"op\": \"add\", \"path\": \"/baz\", \"value\": \"qux\"}]", "{\"foo\":\"bar\",\"baz\":\"qux\"}" },
        { "{\"foo\": [\"bar\", \"baz\"]}", "[{\"op\": \"add\", \"path\": \"/foo/1\", \"value\": \"qux\"}]", "{\"foo\":[\"bar\",\"qux\",\"baz\"]}" },
        { "{\"baz\": \"qux\", \"foo\": \"bar\"}", "[{\"op\": \"remove\", \"path\": \"/baz\"}]", "{\"foo\":\"bar\"}" },
        { "{\"foo\": [\"bar\", \"qux\", \"baz\"]}", "[{\"op\": \"remove\", \"path\": \"/foo/1\"}]", "{\"foo\":[\"bar\",\"baz\"]}" },
        { "{\"baz\": \"qux\", \"foo\": \"bar\"}", "[{\"op\": \"replace\", \"path\": \"/baz\", \"value\": \"boo\"}]", "{\"foo\":\"bar\",\"baz\":\"boo\"}" },
        { "{\"foo\": {\"bar\": \"baz\", \"waldo\": \"fred\"}, \"qux\": {\"corge\": \"grault\"}}", "[{\"op\": \"move\", \"from\": \"/foo/waldo\", \"path\": \"/qux/thud\"}]", "{\"foo\":{\"bar\":\"baz\"},\"qux\":{\"corge\":\"grault\",\"thud\":\"fred\"}}" },
        { "{\"foo\": [\"all\", \"grass\", \"cows\", \"eat\"]}", "[{\"op\": \"move\", \"from\": \"/foo/1\", \"path\": \"/foo/3\"}]", "{\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}" },
        { "{\"baz\": \"qux\", \"foo\": [\"a\", 2, \"c\"]}", "[{\"op\": \"test\", \"path\": \"/baz\", \"value\": \"qux\"}, {\"op\": \"test\", \"path\": \"/foo/1\", \"value\": 2}]", "{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}" },
        { "{\"/\": 9, \"~1\": 10}", "[{\"op\": \"test\", \"path\": \"/~01\", \"value\": 10}]", "{\"/\":9,\"~1\":10}" },
        { "{\"a/b\": 1, \"m~n\": 2}", "[{\"op\": \"replace\", \"path\": \"/a~1b\", \"value\": 3}, {\"op\": \"remove\", \"path\": \"/m~0n\"}]", "{\"a/b\":3}" },
        { "{\"foo\": [\"bar\"]}", "[{\"op\": \"add\", \"path\": \"/foo/-\", \"value\": [\"abc\", \"def\"]}]", "{\"foo\":[\"bar\",[\"abc\",\"def\"]]}" },
        { "[1, 2, [3, [4, 5]]]", "[{\"op\": \"add\", \"path\": \"/2/1/-\", \"value\": 6}]", "[1,2,[3,[4,5,6]]]" },
        { "{}", "[{\"op\": \"add\", \"path\": \"\", \"value\": []}]", "[]" },
        { "{\"foo\": \"bar\"}", "[{\"op\": \"replace\", \"path\": \"\", \"value\": {\"baz\": \"qux\"}}]", "{\"baz\":\"qux\"}" },
        { "{}", "[{\"op\": \"add\", \"path\": \"/\", \"value\": 1}]", "{\"\":1}" },
        { "{\"foo\": 1}", "[{\"op\": \"add\", \"path\": \"/0\", \"value\": \"bar\"}]", "{\"foo\":1,\"0\":\"bar\"}" },
        { "[\"foo\", \"sil\"]", "[{\"op\": \"add\", \"path\": \"/2\", \"value\": \"bar\"}]", "[\"foo\",\"sil\",\"bar\"]" },
        { "[1, 2, 3, 4]", "[{\"op\": \"remove\", \"path\": \"/1\"}, {\"op\": \"remove\", \"path\": \"/2\"}]", "[1,3]" },
        { "{\"foo\": null}", "[{\"op\": \"copy\", \"from\": \"/foo\", \"path\": \"/bar\"}]", "{\"foo\":null,\"bar\":null}" },
        { "{\"baz\": [{\"qux\": \"hello\"}], \"bar\": 1}", "[{\"op\": \"move\", \"from\": \"/baz/0/qux\", \"path\": \"/baz/1\"}]", "{\"baz\":[{},\"hello\"],\"bar\":1}" },
        { "{\"foo\": {\"foo\": 1, \"bar\": 2}}", "[{\"op\": \"test\", \"path\": \"/foo\", \"value\": {\"bar\": 2.0, \"foo\": 1}}]", "{\"foo\":{\"foo\":1,\"bar\":2}}" },
        { "{\"foo\": 1}", "[{\"op\": \"move\", \"from\": \"/foo\", \"path\": \"/foo\"}]", "{\"foo\":1}" },
        { "{\"foo\": 1}", "[{\"op\": \"add\", \"path\": \"bar\", \"value\": 2}]", "{\"foo\":1,\"bar\":2}" },
        { "{\"a\": [10, {\"b\": 1}]}", "[{\"op\": \"replace\", \"path\": [\"a\", 1, \"b\"], \"value\": 2}]", "{\"a\":[10,{\"b\":2}]}" },
        { "\"foo\"", "[{\"op\": \"replace\", \"path\": \"\", \"value\": \"bar\"}]", "\"bar\"" },
        { "{\"foo\": 1}", "[{\"op\": \"add\", \"path\": \"/bar\", \"value\": 2, \"xyz\": 123}]", "{\"foo\":1,\"bar\":2}" },
    };

    [Theory]
    [MemberData(nameof(Patches))]
    public void Patch_applies_the_operations_in_order(string document, string patches, string expected) =>
        JsonText.Equal(expected, BuiltinHarness.Call("json.patch", document, patches));

    [Theory]
    [InlineData("{\"q\": {\"bar\": 2}}", "[{\"op\": \"add\", \"path\": \"/a/b\", \"value\": 1}]", "json.patch: operation 0: path /a does not exist")]
    [InlineData("{\"baz\": \"qux\"}", "[{\"op\": \"test\", \"path\": \"/baz\", \"value\": \"bar\"}]", "json.patch: operation 0: test failed: the value at /baz is \"qux\", not \"bar\"")]
    [InlineData("{\"/\": 9, \"~1\": 10}", "[{\"op\": \"test\", \"path\": \"/~01\", \"value\": \"10\"}]", "json.patch: operation 0: test failed: the value at /~1 is 10, not \"10\"")]
    [InlineData("{\"bar\": [1, 2]}", "[{\"op\": \"add\", \"path\": \"/bar/8\", \"value\": 5}]", "json.patch: operation 0: index for array insertion out of bounds at /bar/8")]
    [InlineData("{\"bar\": [1, 2]}", "[{\"op\": \"add\", \"path\": \"/bar/-1\", \"value\": 5}]", "json.patch: operation 0: index for array insertion out of bounds at /bar/-1")]
    [InlineData("[\"foo\", \"bar\"]", "[{\"op\": \"test\", \"path\": \"/1e0\", \"value\": \"bar\"}]", "json.patch: operation 0: invalid array index '1e0' at /1e0")]
    [InlineData("[\"foo\", \"bar\"]", "[{\"op\": \"test\", \"path\": \"/01\", \"value\": \"bar\"}]", "json.patch: operation 0: leading zeros are not allowed in array index '01' at /01")]
    [InlineData("[1, 2, 3]", "[{\"op\": \"add\", \"path\": \"1.2\", \"value\": \"foo\"}]", "json.patch: operation 0: invalid array index '1.2' at /1.2")]
    [InlineData("[\"foo\", \"sil\"]", "[{\"op\": \"add\", \"path\": \"/bar\", \"value\": 42}]", "json.patch: operation 0: invalid array index 'bar' at /bar")]
    [InlineData("{\"foo\": \"bar\"}", "[{\"op\": \"remove\", \"path\": \"/baz\"}]", "json.patch: operation 0: cannot remove /baz: it does not exist")]
    [InlineData("[\"foo\", \"bar\"]", "[{\"op\": \"remove\", \"path\": \"/2\"}]", "json.patch: operation 0: index for array delete out of bounds at /2")]
    [InlineData("{\"bar\": \"baz\"}", "[{\"op\": \"replace\", \"path\": \"/foo/bar\", \"value\": false}]", "json.patch: operation 0: path /foo does not exist")]
    [InlineData("{\"foo\": 1}", "[{\"op\": \"copy\", \"from\": \"/bar\", \"path\": \"/foo\"}]", "json.patch: operation 0: path /bar does not exist")]
    [InlineData("{\"foo\": 1}", "[{\"op\": \"add\", \"path\": \"/foo/x\", \"value\": 1}]", "json.patch: operation 0: cannot add to /foo/x: its parent is not an object or an array")]
    [InlineData("{}", "[{\"op\": \"add\", \"value\": \"bar\"}]", "json.patch: operation 0: missing 'path' attribute")]
    [InlineData("{}", "[{\"op\": \"add\", \"path\": null, \"value\": \"bar\"}]", "json.patch: operation 0: path must be a string or an array of path segments but got null")]
    [InlineData("[1]", "[{\"op\": \"add\", \"path\": \"/-\"}]", "json.patch: operation 0: missing 'value' attribute")]
    [InlineData("[1]", "[{\"op\": \"copy\", \"path\": \"/-\"}]", "json.patch: operation 0: missing 'from' attribute")]
    [InlineData("{\"foo\": 1}", "[{\"op\": \"spam\", \"path\": \"/foo\", \"value\": 1}]", "json.patch: operation 0: unrecognized op 'spam'")]
    [InlineData("{\"foo\": 1}", "[{\"path\": \"/foo\"}]", "json.patch: operation 0: missing 'op' attribute")]
    [InlineData("{\"foo\": 1}", "[{\"op\": 1, \"path\": \"/foo\"}]", "json.patch: operation 0: attribute 'op' must be a string")]
    [InlineData("{\"foo\": 1}", "[{\"op\": \"test\", \"path\": \"/foo\", \"value\": 1}, \"remove\"]", "json.patch: operation 1: must be an array of JSON-Patch objects, but at least one element is not an object")]
    [InlineData("{\"foo\": 1}", "[{\"op\": \"remove\", \"path\": \"\"}]", "json.patch: the patches removed the whole document")]
    public void Patch_that_does_not_apply_is_undefined_as_in_OPA(string document, string patches, string reason)
    {
        var log = new List<string>();
        var context = new RegoBuiltinContext(TimeProvider.System, new ListLogger(log));

        var result = RegoBuiltins.All["json.patch"].Function(context, [JsonNode.Parse(document), JsonNode.Parse(patches)]);

        Assert.True(RegoBuiltins.IsUndefined(result));
        Assert.Equal([$"json.patch is undefined: {reason["json.patch: ".Length..]}"], log);
    }

    [Fact]
    public void Patch_with_patches_that_are_not_an_array_is_an_error() =>
        Assert.Equal(
            "json.patch: operand 2 must be array but got object",
            BuiltinHarness.Fails("json.patch", "{\"foo\": 1}", "{\"op\": \"remove\", \"path\": \"/foo\"}").Message);

    private sealed class ListLogger(List<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Add(formatter(state, exception));
    }

    [Fact]
    public void Patch_leaves_its_argument_unchanged()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse("{\"a\": [1]}");
        var patches = System.Text.Json.Nodes.JsonNode.Parse("[{\"op\": \"add\", \"path\": \"/a/-\", \"value\": 2}]");
        var context = new Kubewarden.Rego.Builtins.RegoBuiltinContext(TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var result = RegoBuiltins.All["json.patch"].Function(context, [document, patches]);
        Assert.Equal("{\"a\":[1]}", document!.ToJsonString());
        Assert.Equal("{\"a\":[1,2]}", result!.ToJsonString());
    }
}
