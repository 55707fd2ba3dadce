using Kubewarden.Wasm.Binary;

namespace Kubewarden.Wasm;

/// <summary>
/// Matches a module's imports with the host functions on offer, the same way for every engine: an import the host
/// does not provide, or provides with another signature, is a <see cref="WasmLinkException"/> naming it.
/// </summary>
public static class WasmHostLinking
{
    /// <summary>The host function for each import, in import order.</summary>
    public static IReadOnlyList<WasmHostFunction> Resolve(IReadOnlyList<WasmImportSignature> imports, IReadOnlyList<WasmHostFunction> hostFunctions)
    {
        ArgumentNullException.ThrowIfNull(imports);
        ArgumentNullException.ThrowIfNull(hostFunctions);
        var byName = new Dictionary<(string, string), WasmHostFunction>();
        foreach (var function in hostFunctions)
        {
            byName[(function.Module, function.Name)] = function;
        }

        var resolved = new List<WasmHostFunction>(imports.Count);
        foreach (var import in imports)
        {
            if (import.Kind != WasmExternKind.Function)
            {
                throw new WasmLinkException(
                    $"the module imports the {import.Kind.ToString().ToLowerInvariant()} `{import.Module}`.`{import.Name}`, which the host does not provide");
            }

            if (!byName.TryGetValue((import.Module, import.Name), out var function))
            {
                throw new WasmLinkException($"the module imports the function `{import.Module}`.`{import.Name}`, which the host does not provide");
            }

            WasmValueKind[] results = function.Result is { } result ? [result] : [];
            if (!function.Parameters.SequenceEqual(import.Parameters) || !results.SequenceEqual(import.Results))
            {
                throw new WasmLinkException(
                    $"the module imports the function `{import.Module}`.`{import.Name}` as " +
                    $"({string.Join(", ", import.Parameters)}) -> ({string.Join(", ", import.Results)}), " +
                    $"but the host defines it as ({string.Join(", ", function.Parameters)}) -> ({string.Join(", ", results)})");
            }

            resolved.Add(function);
        }

        return resolved;
    }
}
