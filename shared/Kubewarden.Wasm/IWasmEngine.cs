namespace Kubewarden.Wasm;

/// <summary>
/// A WebAssembly engine: compiles modules (through an on-disk artifact cache) and nothing else that knows
/// about policies. Protocols (waPC, WASI, OPA) live above this contract, written once for every engine.
/// </summary>
public interface IWasmEngine : IDisposable
{
    /// <summary>Short engine name used in settings and cache keys, e.g. <c>wasmtime</c>.</summary>
    string Name { get; }

    /// <summary>Engine version plus the configuration that affects compiled code; part of every cache key.</summary>
    string Version { get; }

    /// <summary>
    /// Compiles a module, or loads its precompiled artifact from the cache when one exists for the same
    /// module digest and engine version.
    /// </summary>
    /// <exception cref="WasmCompileException">The bytes are not a valid module for this engine.</exception>
    IWasmModule Compile(ReadOnlyMemory<byte> wasm);
}
