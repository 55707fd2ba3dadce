using Kubewarden.Wasm.V8;
using Kubewarden.Wasm.Wasmtime;

namespace Kubewarden.Wasm.Engines;

/// <summary>The engines a server (or a test run) can choose by name: <c>wasmtime</c> (default) and <c>v8</c>.</summary>
public static class WasmEngines
{
    /// <summary>Wasmtime: the default.</summary>
    public const string Wasmtime = "wasmtime";

    /// <summary>V8 through ClearScript.</summary>
    public const string V8 = "v8";

    /// <summary>Every engine name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Wasmtime, V8];

    /// <summary>Creates the engine called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No engine has that name.</exception>
    public static IWasmEngine Create(string name, WasmEngineOptions options) => name.ToLowerInvariant() switch
    {
        Wasmtime => new WasmtimeEngine(options),
        V8 => new V8Engine(options),
        _ => throw new ArgumentException($"unknown engine `{name}`; expected {string.Join(" or ", Names)}", nameof(name)),
    };

    /// <summary>The engine named by the environment variable <paramref name="variable"/>, Wasmtime when unset.</summary>
    public static IWasmEngine FromEnvironment(string variable, WasmEngineOptions options) =>
        Create(Environment.GetEnvironmentVariable(variable) is { Length: > 0 } name ? name : Wasmtime, options);
}
