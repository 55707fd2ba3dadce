using System.Text.Json.Nodes;
using Kubewarden.Rego.Builtins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Rego.Tests;

/// <summary>
/// Calls builtins the way the OPA host does: arguments as JSON text, the answer as JSON text (<c>undefined</c> when the
/// builtin leaves it undefined).
/// </summary>
internal static class BuiltinHarness
{
    public static string Call(string builtin, params string[] argumentsJson) => Call(TimeProvider.System, builtin, argumentsJson);

    public static string Call(TimeProvider time, string builtin, params string[] argumentsJson)
    {
        var context = new RegoBuiltinContext(time, NullLogger.Instance);
        var arguments = argumentsJson.Select(a => JsonNode.Parse(a)).ToArray();
        var result = RegoBuiltins.All[builtin].Function(context, arguments);
        return RegoBuiltins.IsUndefined(result) ? "undefined" : result?.ToJsonString() ?? "null";
    }

    public static RegoBuiltinException Fails(string builtin, params string[] argumentsJson) =>
        Assert.Throws<RegoBuiltinException>(() => Call(builtin, argumentsJson));
}
