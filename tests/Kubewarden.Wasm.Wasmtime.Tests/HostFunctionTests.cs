namespace Kubewarden.Wasm.Wasmtime.Tests;

/// <summary>Host functions: linking, arguments, memory access, and the ways they stop the guest.</summary>
public abstract class HostFunctionTests(IWasmEngine engine)
{
    private const string CallsHostWat = """
        (module
          (import "env" "host" (func $host (param i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hello")
          (func (export "run") (result i32) (call $host (i32.const 16) (i32.const 5))))
        """;

    [Fact]
    public void Link_ImportNotProvided_ThrowsNamingModuleAndName()
    {
        using var module = engine.Compile(EngineFixture.Module("""(module (import "env" "missing" (func)))"""));

        var error = Assert.Throws<WasmLinkException>(() => module.Link([]));

        Assert.Equal("the module imports the function `env`.`missing`, which the host does not provide", error.Message);
    }

    [Fact]
    public void Link_SameNameInOtherModule_ThrowsNamingModuleAndName()
    {
        using var module = engine.Compile(EngineFixture.Module("""(module (import "env" "f" (func)))"""));

        var error = Assert.Throws<WasmLinkException>(() => module.Link([Host("other", "f", [], null, static (_, _) => 0)]));

        Assert.Equal("the module imports the function `env`.`f`, which the host does not provide", error.Message);
    }

    [Fact]
    public void Link_MemoryImport_ThrowsNamingTheMemory()
    {
        using var module = engine.Compile(EngineFixture.Module("""(module (import "env" "memory" (memory 1)))"""));

        var error = Assert.Throws<WasmLinkException>(() => module.Link([]));

        Assert.Equal("the module imports the memory `env`.`memory`, which the host does not provide", error.Message);
    }

    [Fact]
    public void Link_SignatureMismatch_ThrowsNamingBothSignatures()
    {
        using var module = engine.Compile(EngineFixture.Module("""(module (import "env" "f" (func (param i32))))"""));

        var error = Assert.Throws<WasmLinkException>(() => module.Link([Host("env", "f", [WasmValueKind.I64], WasmValueKind.I32, static (_, _) => 0)]));

        Assert.Equal("the module imports the function `env`.`f` as (I32) -> (), but the host defines it as (I64) -> (I32)", error.Message);
    }

    [Fact]
    public void Call_HostFunction_ReceivesArgumentsStateAndMemory()
    {
        string? seen = null;
        object? state = null;
        var host = Host("env", "host", [WasmValueKind.I32, WasmValueKind.I32], WasmValueKind.I32, (caller, arguments) =>
        {
            state = caller.HostState;
            seen = System.Text.Encoding.UTF8.GetString(caller.GetMemory((uint)arguments[0], (uint)arguments[1]));
            caller.GetMemory(0, 2)[0] = 1;
            return 99;
        });
        var hostState = new object();
        using var scope = new InstanceScope(engine, EngineFixture.Module(CallsHostWat), [host], WasmInstanceOptions.Unlimited, hostState);

        var result = scope.Instance.GetFunction("run")!.Call([]);

        Assert.Equal(WasmCallResult.Success(99), result);
        Assert.Equal("hello", seen);
        Assert.Same(hostState, state);
        Assert.Equal(1, scope.Instance.GetMemory(0, 1)[0]);
        Assert.Equal(65536, scope.Instance.MemorySize);
    }

    [Theory]
    [InlineData(WasmTrapKind.Host)]
    [InlineData(WasmTrapKind.OutOfBounds)]
    [InlineData(WasmTrapKind.Interrupted)]
    public void Call_HostFunctionThrowsHostTrap_TrapsWithItsKind(WasmTrapKind kind)
    {
        var thrown = new WasmHostTrapException("denied by the host", kind);
        using var scope = WithHost((_, _) => throw thrown);

        var result = scope.Instance.GetFunction("run")!.Call([]);

        Assert.Equal(kind, result.Trap?.Kind);
        Assert.Same(thrown, result.Trap?.HostException);
        Assert.Equal("denied by the host", result.Trap?.Detail);
    }

    [Fact]
    public void Call_HostFunctionThrowsHostTrapWithoutKind_TrapsAsHost()
    {
        using var scope = WithHost((_, _) => throw new WasmHostTrapException("plain"));

        var result = scope.Instance.GetFunction("run")!.Call([]);

        Assert.Equal(WasmTrapKind.Host, result.Trap?.Kind);
    }

    [Fact]
    public void Call_HostFunctionThrowsOtherException_TrapsAsHostWithTheException()
    {
        var thrown = new InvalidOperationException("host bug");
        using var scope = WithHost((_, _) => throw thrown);

        var result = scope.Instance.GetFunction("run")!.Call([]);

        Assert.Equal(WasmTrapKind.Host, result.Trap?.Kind);
        Assert.Same(thrown, result.Trap?.HostException);
    }

    [Fact]
    public void Call_HostFunctionThrowsExit_ReportsExitWithCode()
    {
        using var scope = WithHost((_, _) => throw new WasmExitException(3));

        var result = scope.Instance.GetFunction("run")!.Call([]);

        Assert.Equal(WasmTrapKind.Exit, result.Trap?.Kind);
        Assert.Equal(3, result.Trap?.ExitCode);
    }

    [Fact]
    public void Call_HostFunctionThrowsExitZero_ReportsExitWithCodeZero()
    {
        using var scope = WithHost((_, _) => throw new WasmExitException(0));

        var result = scope.Instance.GetFunction("run")!.Call([]);

        Assert.Equal(WasmTrapKind.Exit, result.Trap?.Kind);
        Assert.Equal(0, result.Trap?.ExitCode);
    }

    [Fact]
    public void GetMemory_OutsideMemory_TrapsGuestAsOutOfBounds()
    {
        using var scope = WithHost((caller, _) => caller.GetMemory(65530, 10).Length);

        var result = scope.Instance.GetFunction("run")!.Call([]);

        Assert.Equal(WasmTrapKind.OutOfBounds, result.Trap?.Kind);
    }

    [Fact]
    public void GetMemory_ModuleWithoutMemory_TrapsGuestAsOutOfBounds()
    {
        var host = Host("env", "host", [WasmValueKind.I32, WasmValueKind.I32], WasmValueKind.I32, (caller, _) => caller.GetMemory(0, 1).Length);
        using var scope = new InstanceScope(
            engine,
            EngineFixture.Module("""(module (import "env" "host" (func $host (param i32 i32) (result i32))) (func (export "run") (result i32) (call $host (i32.const 0) (i32.const 1))))"""),
            [host],
            WasmInstanceOptions.Unlimited);

        var result = scope.Instance.GetFunction("run")!.Call([]);

        Assert.Equal(WasmTrapKind.OutOfBounds, result.Trap?.Kind);
    }

    [Fact]
    public void Instantiate_StartFunctionCallsHost_HostSeesStateAndMemory()
    {
        object? state = null;
        byte seen = 0;
        var host = Host("env", "host", [WasmValueKind.I32, WasmValueKind.I32], WasmValueKind.I32, (caller, arguments) =>
        {
            state = caller.HostState;
            seen = caller.GetMemory((uint)arguments[0], 1)[0];
            return 0;
        });
        var hostState = new object();
        using var scope = new InstanceScope(
            engine,
            EngineFixture.Module("""
                (module
                  (import "env" "host" (func $host (param i32 i32) (result i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 8) "Z")
                  (func $start (drop (call $host (i32.const 8) (i32.const 1))))
                  (start $start))
                """),
            [host],
            WasmInstanceOptions.Unlimited,
            hostState);

        Assert.Same(hostState, state);
        Assert.Equal((byte)'Z', seen);
    }

    [Fact]
    public void Call_HostFunctionWithI64_RoundTripsFullWidth()
    {
        var host = Host("env", "twice", [WasmValueKind.I64], WasmValueKind.I64, static (_, a) => a[0] * 2);
        using var scope = new InstanceScope(
            engine,
            EngineFixture.Module("""(module (import "env" "twice" (func $twice (param i64) (result i64))) (func (export "run") (param i64) (result i64) (call $twice (local.get 0))))"""),
            [host],
            WasmInstanceOptions.Unlimited);

        var result = scope.Instance.GetFunction("run")!.Call([0x1_0000_0001]);

        Assert.Equal(WasmCallResult.Success(0x2_0000_0002), result);
    }

    private const string ReentrantWat = """
        (module
          (import "env" "host" (func $host (param i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
          (func (export "spin") (param i32) (result i32) (loop $forever (br $forever)) (i32.const 0))
          (func (export "trap") (param i32) (result i32) (unreachable))
          (func (export "run") (param i32) (result i32) (i32.add (call $host (local.get 0)) (i32.const 1))))
        """;

    [Fact]
    public void Call_HostFunctionCallsBackIntoTheInstance_GetsTheAnswerAndTheOuterCallContinues()
    {
        // OPA builtins read their arguments by calling the guest's own exports while the guest is running.
        var scope = Reentrant("square", WasmInstanceOptions.Unlimited, out var nested);
        using (scope)
        {
            var result = scope.Instance.GetFunction("run")!.Call([7]);

            Assert.Equal(WasmCallResult.Success(50), result);
            Assert.Equal(WasmCallResult.Success(49), nested.Single());
        }
    }

    [Fact]
    public void Call_NestedCallTraps_TheHostSeesTheTrapAndCanStopTheOuterCall()
    {
        var scope = Reentrant("trap", WasmInstanceOptions.Unlimited, out var nested);
        using (scope)
        {
            var result = scope.Instance.GetFunction("run")!.Call([7]);

            Assert.Equal(WasmTrapKind.Unreachable, nested.Single().Trap?.Kind);
            Assert.Equal(WasmTrapKind.Host, result.Trap?.Kind);
            Assert.Equal("nested call failed: Unreachable", result.Trap?.HostException?.Message);
        }
    }

    [Fact]
    public void Call_NestedCallRunsPastTheDeadline_BothCallsAreInterrupted()
    {
        var scope = Reentrant("spin", new WasmInstanceOptions(null, null), out var nested);
        using (scope)
        {
            scope.Instance.SetDeadline(TimeSpan.FromMilliseconds(100));

            var result = scope.Instance.GetFunction("run")!.Call([7]);

            Assert.Equal(WasmTrapKind.Interrupted, nested.Single().Trap?.Kind);
            Assert.Equal(WasmTrapKind.Interrupted, result.Trap?.Kind);
        }
    }

    /// <summary>An instance whose host function calls <paramref name="export"/> and records what that call returned.</summary>
    private InstanceScope Reentrant(string export, WasmInstanceOptions options, out List<WasmCallResult> nested)
    {
        var calls = new List<WasmCallResult>();
        nested = calls;
        var holder = new IWasmInstance?[1];
        var host = Host("env", "host", [WasmValueKind.I32], WasmValueKind.I32, (caller, arguments) =>
        {
            var result = holder[0]!.GetFunction(export)!.Call([arguments[0]]);
            calls.Add(result);
            return result.Trap is { } trap
                ? throw new WasmHostTrapException($"nested call failed: {trap.Kind}", trap.Kind == WasmTrapKind.Interrupted ? WasmTrapKind.Interrupted : WasmTrapKind.Host)
                : result.Value;
        });
        var scope = new InstanceScope(engine, EngineFixture.Module(ReentrantWat), [host], options);
        holder[0] = scope.Instance;
        return scope;
    }

    private InstanceScope WithHost(WasmHostCallback callback) => new(
        engine,
        EngineFixture.Module(CallsHostWat),
        [Host("env", "host", [WasmValueKind.I32, WasmValueKind.I32], WasmValueKind.I32, callback)],
        WasmInstanceOptions.Unlimited);

    private static WasmHostFunction Host(string module, string name, WasmValueKind[] parameters, WasmValueKind? result, WasmHostCallback callback) =>
        new(module, name, parameters, result, callback);
}

/// <summary><see cref="HostFunctionTests"/> on Wasmtime.</summary>
public sealed class WasmtimeHostFunctionTests(EngineFixture fixture) : HostFunctionTests(fixture.Engine), IClassFixture<EngineFixture>;

/// <summary><see cref="HostFunctionTests"/> on V8.</summary>
public sealed class V8HostFunctionTests(V8EngineFixture fixture) : HostFunctionTests(fixture.Engine), IClassFixture<V8EngineFixture>;
