using System.Text;
using Kubewarden.Wasm.Binary;

namespace Kubewarden.Wasm.Wasmtime.Tests;

/// <summary>One engine per test class, with its own artifact cache folder (deleted afterwards).</summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture()
    {
        CacheDirectory = Path.Combine(Path.GetTempPath(), "kubewarden-wasmtime-tests", Guid.NewGuid().ToString("N"));
        Engine = new WasmtimeEngine(Options);
    }

    public string CacheDirectory { get; }

    public WasmEngineOptions Options => new() { CacheDirectory = CacheDirectory };

    public IWasmEngine Engine { get; }

    /// <summary>Compiles WAT text; a custom section with a fresh id makes the module (and its digest) unique.</summary>
    public static byte[] UniqueModule(string wat) =>
        WasmCustomSection.Append(global::Wasmtime.Module.ConvertText(wat), "test-id", Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N")));

    public static byte[] Module(string wat) => global::Wasmtime.Module.ConvertText(wat);

    public void Dispose()
    {
        Engine.Dispose();
        try
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
