using System.Collections.Frozen;
using Kubewarden.Rego.Builtins;

namespace Kubewarden.Evaluation.Rego;

/// <summary>What a module's <c>builtins</c> and <c>entrypoints</c> exports declare (fixed for a module, read once at load).</summary>
/// <param name="BuiltinsById">The host builtin behind each id the module calls <c>opa_builtinN</c> with.</param>
/// <param name="Entrypoints">Entrypoint ids by rule path, e.g. <c>policy/violation</c> → 0.</param>
internal sealed record OpaModuleInfo(FrozenDictionary<int, RegoBuiltin> BuiltinsById, FrozenDictionary<string, int> Entrypoints);
