namespace Kubewarden.Wasm.Wasmtime.Tests;

/// <summary>Instances, calls, traps, deadlines and memory limits through the <see cref="IWasmEngine"/> contract.</summary>
public abstract class ExecutionTests(IWasmEngine engine)
{
    private const string TrapsWat = """
        (module
          (type $nullary (func (result i32)))
          (memory (export "memory") 1)
          (table 2 funcref)
          (elem (i32.const 1) $wrong_type)
          (func $wrong_type (param i32) (result i32) (local.get 0))
          (func (export "unreachable") (result i32) unreachable)
          (func (export "divide_by_zero") (param $zero i32) (result i32) (i32.div_s (i32.const 1) (local.get $zero)))
          (func (export "out_of_bounds") (result i32) (i32.load (i32.const 70000)))
          (func $recurse (export "recurse") (param $n i32) (result i32)
            (i32.add (i32.const 1) (call $recurse (i32.add (local.get $n) (i32.const 1)))))
          (func (export "null_entry") (result i32) (call_indirect (type $nullary) (i32.const 0)))
          (func (export "bad_signature") (result i32) (call_indirect (type $nullary) (i32.const 1)))
          (func (export "loop") (loop $forever (br $forever))))
        """;

    [Theory]
    [InlineData("unreachable", 0, WasmTrapKind.Unreachable)]
    [InlineData("divide_by_zero", 1, WasmTrapKind.DivideByZero)]
    [InlineData("out_of_bounds", 0, WasmTrapKind.OutOfBounds)]
    [InlineData("recurse", 1, WasmTrapKind.StackOverflow)]
    [InlineData("null_entry", 0, WasmTrapKind.IndirectCallToNull)]
    [InlineData("bad_signature", 0, WasmTrapKind.IndirectCallSignatureMismatch)]
    public void Call_GuestTraps_ReportsTrapKind(string function, int arity, WasmTrapKind expected)
    {
        using var scope = Instantiate(TrapsWat);
        long[] arguments = function switch
        {
            "divide_by_zero" => [0],
            _ => new long[arity],
        };

        var result = scope.Instance.GetFunction(function)!.Call(arguments);

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Trap!.Kind);
        Assert.False(string.IsNullOrEmpty(result.Trap.Detail));
    }

    [Fact]
    public void Call_AfterTrap_InstanceCanStillBeCalledUntilDisposed()
    {
        using var scope = Instantiate(TrapsWat);

        scope.Instance.GetFunction("unreachable")!.Call([]);
        var again = scope.Instance.GetFunction("divide_by_zero")!.Call([0]);

        Assert.Equal(WasmTrapKind.DivideByZero, again.Trap?.Kind);
    }

    [Fact]
    public void SetDeadline_EndlessLoop_IsInterrupted()
    {
        using var scope = Instantiate(TrapsWat);
        scope.Instance.SetDeadline(TimeSpan.FromMilliseconds(50));

        var result = scope.Instance.GetFunction("loop")!.Call([]);

        Assert.Equal(WasmTrapKind.Interrupted, result.Trap?.Kind);
    }

    [Fact]
    public void SetDeadline_RearmedAfterInterruption_InterruptsAgain()
    {
        using var scope = Instantiate(TrapsWat);
        var loop = scope.Instance.GetFunction("loop")!;

        scope.Instance.SetDeadline(TimeSpan.FromMilliseconds(20));
        loop.Call([]);
        scope.Instance.SetDeadline(TimeSpan.FromMilliseconds(20));
        var result = loop.Call([]);

        Assert.Equal(WasmTrapKind.Interrupted, result.Trap?.Kind);
    }

    [Fact]
    public void SetDeadline_Null_ShortCallsRun()
    {
        using var scope = Instantiate("""(module (func (export "seven") (result i32) (i32.const 7)))""");
        scope.Instance.SetDeadline(null);

        var result = scope.Instance.GetFunction("seven")!.Call([]);

        Assert.Equal(WasmCallResult.Success(7), result);
    }

    [Fact]
    public void Instantiate_StartFunctionLoopsPastTimeout_ReturnsInterruptedTrap()
    {
        using var module = engine.Compile(EngineFixture.Module("""(module (func $start (loop $forever (br $forever))) (start $start))"""));
        using var linked = module.Link([]);

        var instantiation = linked.Instantiate(null, new WasmInstanceOptions(null, TimeSpan.FromMilliseconds(50)));

        Assert.False(instantiation.Succeeded);
        Assert.Null(instantiation.Instance);
        Assert.Equal(WasmTrapKind.Interrupted, instantiation.Trap?.Kind);
    }

    [Fact]
    public void Instantiate_StartFunctionTraps_ReturnsTrapInsteadOfThrowing()
    {
        using var module = engine.Compile(EngineFixture.Module("""(module (func $start unreachable) (start $start))"""));
        using var linked = module.Link([]);

        var instantiation = linked.Instantiate(null, WasmInstanceOptions.Unlimited);

        Assert.Null(instantiation.Instance);
        Assert.Equal(WasmTrapKind.Unreachable, instantiation.Trap?.Kind);
    }

    [Theory]
    [InlineData(null, 1, 2)]
    [InlineData(2L * 65536, 1, -1)]
    public void MaxMemoryBytes_GrowPastCap_ReturnsMinusOne(long? cap, long firstGrowResult, long secondGrowResult)
    {
        using var scope = Instantiate(
            """(module (memory (export "memory") 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))""",
            options: new WasmInstanceOptions(cap, null));
        var grow = scope.Instance.GetFunction("grow")!;

        Assert.Equal(WasmCallResult.Success(firstGrowResult), grow.Call([1]));
        Assert.Equal(WasmCallResult.Success(secondGrowResult), grow.Call([1]));
    }

    [Fact]
    public void MaxMemoryBytes_GrowFails_MemorySizeStaysAtCap()
    {
        using var scope = Instantiate(
            """(module (memory (export "memory") 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))""",
            options: new WasmInstanceOptions(4L * 65536, null));

        var result = scope.Instance.GetFunction("grow")!.Call([100]);

        Assert.Equal(WasmCallResult.Success(-1), result);
        Assert.Equal(65536, scope.Instance.MemorySize);
    }

    [Fact]
    public void Instantiate_InitialMemoryAboveCap_FailsInsteadOfThrowing()
    {
        using var module = engine.Compile(EngineFixture.Module("""(module (memory (export "memory") 8))"""));
        using var linked = module.Link([]);

        var instantiation = linked.Instantiate(null, new WasmInstanceOptions(2L * 65536, null));

        Assert.Null(instantiation.Instance);
        Assert.NotNull(instantiation.Trap);
    }

    [Fact]
    public void Instance_ExportedGlobalAndTable_AreReadable()
    {
        using var scope = Instantiate("""
            (module
              (global $g (export "counter") (mut i32) (i32.const 5))
              (table (export "table") 3 funcref)
              (func (export "bump") (global.set $g (i32.add (global.get $g) (i32.const 1)))))
            """);

        scope.Instance.GetFunction("bump")!.Call([]);

        Assert.True(scope.Instance.TryReadGlobal("counter", out var value));
        Assert.Equal(new WasmValue(WasmValueKind.I32, 6), value);
        Assert.False(scope.Instance.TryReadGlobal("missing", out _));
        Assert.Equal(3UL, scope.Instance.GetTableSize("table"));
        Assert.Null(scope.Instance.GetTableSize("missing"));
        Assert.Null(scope.Instance.GetFunction("missing"));
        Assert.Equal(0, scope.Instance.MemorySize);
    }

    [Fact]
    public void Call_WrongArgumentCount_Throws()
    {
        using var scope = Instantiate(TrapsWat);

        var error = Assert.Throws<ArgumentException>(() => scope.Instance.GetFunction("divide_by_zero")!.Call([]));

        Assert.StartsWith("the function takes 1 arguments, 0 were given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_Signature_IsReported()
    {
        using var scope = Instantiate("""(module (func (export "f") (param i32 i64 f32 f64) (result i64) (i64.const 0)))""");

        var function = scope.Instance.GetFunction("f")!;

        Assert.Equal([WasmValueKind.I32, WasmValueKind.I64, WasmValueKind.F32, WasmValueKind.F64], function.Parameters);
        Assert.Equal([WasmValueKind.I64], function.Results);
    }

    [Fact]
    public void Instantiate_ManyInstancesOneAfterAnother_EachStartsFresh()
    {
        using var module = engine.Compile(EngineFixture.Module("""
            (module
              (global $g (mut i32) (i32.const 0))
              (func (export "next") (result i32)
                (global.set $g (i32.add (global.get $g) (i32.const 1)))
                (global.get $g)))
            """));
        using var linked = module.Link([]);

        for (var i = 0; i < 300; i++)
        {
            using var instance = linked.Instantiate(null, WasmInstanceOptions.Unlimited).Instance!;
            Assert.Equal(WasmCallResult.Success(1), instance.GetFunction("next")!.Call([]));
        }
    }

    private InstanceScope Instantiate(string wat, IReadOnlyList<WasmHostFunction>? hostFunctions = null, WasmInstanceOptions? options = null) =>
        new(engine, EngineFixture.Module(wat), hostFunctions ?? [], options ?? WasmInstanceOptions.Unlimited);
}

/// <summary>A compiled, linked and instantiated module; disposes all three.</summary>
internal sealed class InstanceScope : IDisposable
{
    private readonly IWasmModule _module;
    private readonly IWasmLinkedModule _linked;

    public InstanceScope(IWasmEngine engine, byte[] bytes, IReadOnlyList<WasmHostFunction> hostFunctions, WasmInstanceOptions options, object? hostState = null)
    {
        _module = engine.Compile(bytes);
        _linked = _module.Link(hostFunctions);
        var instantiation = _linked.Instantiate(hostState, options);
        Instance = instantiation.Instance ?? throw new InvalidOperationException($"instantiation failed: {instantiation.Trap?.Detail}");
    }

    public IWasmInstance Instance { get; }

    public void Dispose()
    {
        Instance.Dispose();
        _linked.Dispose();
        _module.Dispose();
    }
}

/// <summary><see cref="ExecutionTests"/> on Wasmtime.</summary>
public sealed class WasmtimeExecutionTests(EngineFixture fixture) : ExecutionTests(fixture.Engine), IClassFixture<EngineFixture>;

/// <summary><see cref="ExecutionTests"/> on V8.</summary>
public sealed class V8ExecutionTests(V8EngineFixture fixture) : ExecutionTests(fixture.Engine), IClassFixture<V8EngineFixture>;
