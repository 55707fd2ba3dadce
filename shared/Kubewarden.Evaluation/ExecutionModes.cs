namespace Kubewarden.Evaluation;

/// <summary>Names of <see cref="ExecutionMode"/> as they appear in metadata and on command lines.</summary>
public static class ExecutionModes
{
    /// <summary>Parses <c>kubewarden-wapc</c>, <c>wasi</c>, <c>opa</c> or <c>gatekeeper</c>.</summary>
    public static bool TryParse(string? name, out ExecutionMode mode)
    {
        ExecutionMode? parsed = name switch
        {
            "kubewarden-wapc" => ExecutionMode.KubewardenWapc,
            "wasi" => ExecutionMode.Wasi,
            "opa" => ExecutionMode.Opa,
            "gatekeeper" => ExecutionMode.Gatekeeper,
            _ => null,
        };
        mode = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    /// <summary>The metadata name of a mode.</summary>
    public static string NameOf(ExecutionMode mode) => mode switch
    {
        ExecutionMode.KubewardenWapc => "kubewarden-wapc",
        ExecutionMode.Wasi => "wasi",
        ExecutionMode.Opa => "opa",
        ExecutionMode.Gatekeeper => "gatekeeper",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
