using System.Collections.Concurrent;
using Microsoft.ClearScript;
using Microsoft.ClearScript.JavaScript;
using Microsoft.ClearScript.V8;

namespace Kubewarden.Wasm.V8;

/// <summary>
/// One V8 isolate. Instances live in the isolate that created them and their calls run one at a time under
/// <see cref="Gate"/>, so the isolate always knows which instance is running: host functions reach that instance's
/// state, and the engine's ticker interrupts the isolate only when that call's deadline has passed.
/// </summary>
internal sealed class V8Isolate : IDisposable
{
    private readonly ConcurrentDictionary<(string Digest, long CapPages), ScriptObject> _modules = new();
    private readonly ScriptObject _compile;
    private readonly ScriptObject _instantiate;
    private readonly ScriptObject _export;
    private readonly Lock _deadlineLock = new();
    private long _deadline = long.MaxValue;

    public V8Isolate()
    {
        Engine = new V8ScriptEngine(V8ScriptEngineFlags.DisableGlobalMembers);
        _compile = (ScriptObject)Engine.Evaluate("(bytes => new WebAssembly.Module(bytes))");
        _instantiate = (ScriptObject)Engine.Evaluate("((module, imports) => new WebAssembly.Instance(module, imports).exports)");
        NewObject = (ScriptObject)Engine.Evaluate("(() => ({}))");
        _export = (ScriptObject)Engine.Evaluate("((exports, name) => exports[name])");
    }

    public V8ScriptEngine Engine { get; }

    public Lock Gate { get; } = new();

    /// <summary>Creates an empty JS object (import objects).</summary>
    public ScriptObject NewObject { get; }

    /// <summary>The instance whose call runs now (set under <see cref="Gate"/>).</summary>
    public V8Instance? Current { get; set; }

    /// <summary>What the last host function threw, so a call can report it rather than V8's wrapping of it.</summary>
    public Exception? HostException { get; set; }

    /// <summary>
    /// Runs guest code for <paramref name="instance"/>: holds the isolate, makes the instance current, arms its deadline,
    /// and turns V8's failures into a <see cref="WasmTrap"/>. A call made by a host function while the guest runs (OPA
    /// builtins read their arguments that way) runs inside the outer call: same instance, same deadline.
    /// </summary>
    public T Run<T>(V8Instance instance, Func<T> body, Func<WasmTrap, T> trapped)
    {
        lock (Gate)
        {
            if (Current is { } outer)
            {
                return outer == instance
                    ? RunNested(body, trapped)
                    : throw new InvalidOperationException("a host function called into another instance while its own guest was running");
            }

            Current = instance;
            HostException = null;
            instance.ArmIsolate();
            try
            {
                return body();
            }
            catch (Exception e) when (e is ScriptEngineException or ScriptInterruptedException)
            {
                return trapped(V8Traps.From(e, HostException));
            }
            finally
            {
                Disarm();
                Current = null;
            }
        }
    }

    private T RunNested<T>(Func<T> body, Func<WasmTrap, T> trapped)
    {
        var hostException = HostException;
        HostException = null;
        try
        {
            return body();
        }
        catch (Exception e) when (e is ScriptEngineException or ScriptInterruptedException)
        {
            return trapped(V8Traps.From(e, HostException));
        }
        finally
        {
            HostException = hostException;
        }
    }

    /// <summary>Arms the deadline of the call starting now (a <see cref="TimeProvider"/> timestamp).</summary>
    public void Arm(long deadline)
    {
        lock (_deadlineLock)
        {
            _deadline = deadline;
        }
    }

    public void Disarm() => Arm(long.MaxValue);

    /// <summary>
    /// Called by the engine's ticker: interrupts the running call once its deadline has passed. Checking and
    /// interrupting under the lock that arming takes means the interrupt cannot reach the next call; one landing
    /// just after the call ended is harmless (an idle isolate ignores it).
    /// </summary>
    public void Tick(long now)
    {
        lock (_deadlineLock)
        {
            if (now >= _deadline)
            {
                _deadline = long.MaxValue;
                Engine.Interrupt();
            }
        }
    }

    /// <summary>The compiled form of a module in this isolate (compiled once per isolate and memory cap).</summary>
    public ScriptObject Module(V8Module module, long capPages) => _modules.GetOrAdd((module.Digest, capPages), key =>
    {
        var bytes = module.BytesFor(key.CapPages);
        var array = (ITypedArray<byte>)Engine.Evaluate($"new Uint8Array({bytes.Length})");
        array.WriteBytes(bytes, 0, (ulong)bytes.Length, 0);
        return (ScriptObject)_compile.Invoke(false, array);
    });

    public ScriptObject Instantiate(ScriptObject module, ScriptObject imports) => (ScriptObject)_instantiate.Invoke(false, module, imports);

    /// <summary>
    /// An export of an instance, or null. Read through a script function: a function that ClearScript's
    /// <c>GetProperty</c> hands out costs about 400 µs per call (measured), one returned by script about 8 µs.
    /// </summary>
    public ScriptObject? Export(ScriptObject exports, string name) => _export.Invoke(false, exports, name) as ScriptObject;

    public void Forget(string digest)
    {
        foreach (var key in _modules.Keys.Where(k => k.Digest == digest))
        {
            _modules.TryRemove(key, out _);
        }
    }

    public void Dispose() => Engine.Dispose();
}
