using System.Text.Json.Nodes;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// The body of a host-implemented builtin: JSON arguments in (as OPA's <c>opa_json_dump</c> wrote them), a JSON value out.
/// Throw <see cref="RegoBuiltinException"/> for an error: the evaluation traps, as OPA's strict builtin errors do; return
/// <see cref="RegoBuiltins.Undefined"/> where OPA's builtin is undefined.
/// </summary>
public delegate JsonNode? RegoBuiltinFunction(RegoBuiltinContext context, IReadOnlyList<JsonNode?> arguments);

/// <summary>A Rego builtin the host implements (the module lists those it needs in its <c>builtins</c> export).</summary>
/// <param name="Name">The Rego name, e.g. <c>sprintf</c> or <c>regex.find_n</c>.</param>
/// <param name="Arity">How many arguments it takes.</param>
/// <param name="Function">The implementation.</param>
public sealed record RegoBuiltin(string Name, int Arity, RegoBuiltinFunction Function);
