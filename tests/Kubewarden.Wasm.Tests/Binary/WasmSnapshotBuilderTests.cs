using System.Text;
using Kubewarden.Wasm.Binary;
using Wasmtime;
using static Kubewarden.Wasm.Tests.Binary.SnapshotHarness;

namespace Kubewarden.Wasm.Tests.Binary;

public sealed class WasmSnapshotBuilderTests
{
    // "snapshot" as a little-endian i64.
    private const string _counterModule = """
        (module
          (memory (export "memory") 1 4)
          (data (i32.const 0) "original")
          (global $counter (mut i32) (i32.const 0))
          (func (export "init")
            (global.set $counter (i32.const 41))
            (i64.store (i32.const 1024) (i64.const 0x746F687370616E73))
            (drop (memory.grow (i32.const 1)))
            (i64.store (i32.const 65636) (i64.const 0x746F687370616E73)))
          (func (export "get") (result i32) (global.get $counter))
          (func (export "increment") (result i32)
            (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
            (i32.store8 (i32.const 2048) (i32.const 0x2A))
            (global.get $counter)))
        """;

    [Fact]
    public void Snapshot_StartsWithThePostInitStateWithoutCallingInit()
    {
        var original = Wat(_counterModule);
        var snapshot = Snapshot(original, instance => instance.GetAction("init")!());

        using var first = Instantiate(snapshot);
        Assert.Equal(41, first.Call("get"));
        Assert.Equal(2, first.MemoryPages("memory"));
        Assert.Equal("original", Encoding.ASCII.GetString(first.ReadMemory("memory", 0, 8)));
        Assert.Equal("snapshot", Encoding.ASCII.GetString(first.ReadMemory("memory", 1024, 8)));
        Assert.Equal("snapshot", Encoding.ASCII.GetString(first.ReadMemory("memory", 65636, 8)));
    }

    [Fact]
    public void Snapshot_EachInstanceStartsFromFreshState()
    {
        var snapshot = Snapshot(Wat(_counterModule), instance => instance.GetAction("init")!());

        using var first = Instantiate(snapshot);
        using var second = Instantiate(snapshot);
        Assert.Equal(42, first.Call("increment"));
        Assert.Equal(43, first.Call("increment"));

        Assert.Equal(41, second.Call("get"));
        Assert.Equal(0, second.ReadMemory("memory", 2048, 1)[0]);
        Assert.Equal(0x2A, first.ReadMemory("memory", 2048, 1)[0]);
    }

    [Fact]
    public void Snapshot_KeepsTheOriginalExportsOnly()
    {
        var snapshot = Snapshot(Wat(_counterModule), instance => instance.GetAction("init")!());

        using var scope = Instantiate(snapshot);
        var names = scope.Module.Exports.Select(e => e.Name).ToList();
        Assert.Equal(["memory", "init", "get", "increment"], names);
    }

    [Fact]
    public void Snapshot_RoundTripsNumericGlobalsAfterImportedOnes()
    {
        const string wat = """
            (module
              (import "env" "base" (global $base i32))
              (global $i64 (mut i64) (i64.const 0))
              (global $f32 (mut f32) (f32.const 0))
              (global $f64 (mut f64) (f64.const 0))
              (global $fixed i32 (i32.const 7))
              (global $derived i32 (global.get $base))
              (global $v (mut v128) (v128.const i64x2 0 0))
              (func (export "init")
                (global.set $i64 (i64.const -1234567890123))
                (global.set $f32 (f32.const 3.5))
                (global.set $f64 (f64.const -2.25e300))
                (global.set $v (v128.const i64x2 0x0102030405060708 0x1112131415161718)))
              (func (export "get_i64") (result i64) (global.get $i64))
              (func (export "get_f32") (result f32) (global.get $f32))
              (func (export "get_f64") (result f64) (global.get $f64))
              (func (export "get_fixed") (result i32) (global.get $fixed))
              (func (export "get_derived") (result i32) (global.get $derived))
              (func (export "get_v_high") (result i64) (i64x2.extract_lane 1 (global.get $v))))
            """;
        void Link(Linker linker, Store store) =>
            linker.Define("env", "base", new Global(store, ValueKind.Int32, 7, Mutability.Immutable));

        var snapshot = Snapshot(Wat(wat), instance => instance.GetAction("init")!(), Link);

        using var scope = Instantiate(snapshot, Link);
        Assert.Equal(-1234567890123L, scope.Instance.GetFunction<long>("get_i64")!());
        Assert.Equal(3.5f, scope.Instance.GetFunction<float>("get_f32")!());
        Assert.Equal(-2.25e300, scope.Instance.GetFunction<double>("get_f64")!());
        Assert.Equal(7, scope.Call("get_fixed"));
        Assert.Equal(7, scope.Call("get_derived"));
        Assert.Equal(0x1112131415161718L, scope.Instance.GetFunction<long>("get_v_high")!());
    }

    [Fact]
    public void Snapshot_RemovesTheStartSectionSoItDoesNotRunAgain()
    {
        const string wat = """
            (module
              (global $runs (mut i32) (i32.const 0))
              (func $start (global.set $runs (i32.add (global.get $runs) (i32.const 1))))
              (start $start)
              (func (export "get") (result i32) (global.get $runs)))
            """;
        var original = Wat(wat);
        Assert.Contains((byte)8, SectionIds(original));

        var snapshot = Snapshot(original, init: null);

        Assert.DoesNotContain((byte)8, SectionIds(snapshot));
        using var scope = Instantiate(snapshot);
        Assert.Equal(1, scope.Call("get"));
    }

    private const string _passiveModule = """
        (module
          (memory (export "memory") 1)
          (data $active (i32.const 0) "abc")
          (data $passive "passive!")
          (global $inited (mut i32) (i32.const 0))
          (func (export "init") (global.set $inited (i32.const 1)))
          (func (export "load") (param i32)
            (memory.init $passive (local.get 0) (i32.const 0) (i32.const 8)))
          (func (export "load_active") (param i32)
            (memory.init $active (i32.const 300) (i32.const 0) (local.get 0)))
          (func (export "get") (result i32) (global.get $inited)))
        """;

    [Fact]
    public void Snapshot_KeepsPassiveSegmentsAtTheirIndex()
    {
        var snapshot = Snapshot(Wat(_passiveModule), instance => instance.GetAction("init")!());

        using var scope = Instantiate(snapshot);
        Assert.Equal(1, scope.Call("get"));
        scope.Instance.GetAction<int>("load")!(200);
        Assert.Equal("passive!", Encoding.ASCII.GetString(scope.ReadMemory("memory", 200, 8)));
        Assert.Equal("abc", Encoding.ASCII.GetString(scope.ReadMemory("memory", 0, 3)));
    }

    [Fact]
    public void Snapshot_ActiveSegmentsBehaveAsDroppedLikeAfterInstantiation()
    {
        var original = Wat(_passiveModule);
        var snapshot = Snapshot(original, instance => instance.GetAction("init")!());

        foreach (var bytes in new[] { original, snapshot })
        {
            using var scope = Instantiate(bytes);
            var loadActive = scope.Instance.GetAction<int>("load_active")!;
            loadActive(0);
            Assert.Throws<TrapException>(() => loadActive(3));
        }
    }

    [Fact]
    public void Snapshot_UpdatesTheDataCountAndValidates()
    {
        var original = Wat(_passiveModule);
        Assert.Equal(2u, SectionCount(original, 12));

        var snapshot = Snapshot(original, instance => instance.GetAction("init")!());

        var dataCount = SectionCount(snapshot, 12);
        var dataSegments = SectionCount(snapshot, 11);
        Assert.NotNull(dataCount);
        Assert.Equal(dataSegments, dataCount);
        Assert.Equal(3u, dataCount); // two original segments + one segment of memory contents
        using var engine = new Engine();
        Assert.Null(Module.Validate(engine, snapshot));
    }

    [Fact]
    public void Snapshot_CreatesADataSectionAfterCodeWhenThereWasNone()
    {
        const string wat = """
            (module
              (memory (export "memory") 1)
              (func (export "init") (i32.store (i32.const 16) (i32.const 0x01020304))))
            """;
        var original = WasmCustomSection.Append(Wat(wat), "trailer", [1, 2, 3]);
        Assert.DoesNotContain((byte)11, SectionIds(original));

        var snapshot = Snapshot(original, instance => instance.GetAction("init")!());

        var ids = SectionIds(snapshot);
        Assert.True(ids.IndexOf(11) == ids.IndexOf(10) + 1, $"sections: {string.Join(',', ids)}");
        Assert.Equal(0, ids[^1]);
        Assert.True(WasmModuleReader.TryGetCustomSection(snapshot, "trailer", out var trailer));
        Assert.Equal(new byte[] { 1, 2, 3 }, trailer.ToArray());
        using var scope = Instantiate(snapshot);
        Assert.Equal(new byte[] { 4, 3, 2, 1 }, scope.ReadMemory("memory", 16, 4));
    }

    [Fact]
    public void Snapshot_MergesNearbyRunsAndSplitsDistantOnes()
    {
        const string wat = """
            (module
              (memory (export "memory") 1)
              (func (export "near") (i32.store8 (i32.const 100) (i32.const 1)) (i32.store8 (i32.const 150) (i32.const 2)))
              (func (export "far") (i32.store8 (i32.const 100) (i32.const 1)) (i32.store8 (i32.const 5000) (i32.const 2))))
            """;
        var original = Wat(wat);

        Assert.Equal(1u, SectionCount(Snapshot(original, i => i.GetAction("near")!()), 11));
        Assert.Equal(2u, SectionCount(Snapshot(original, i => i.GetAction("far")!()), 11));
        Assert.Null(SectionCount(Snapshot(original, init: null), 11));

        using var scope = Instantiate(Snapshot(original, i => i.GetAction("far")!()));
        Assert.Equal(1, scope.ReadMemory("memory", 100, 1)[0]);
        Assert.Equal(2, scope.ReadMemory("memory", 5000, 1)[0]);
    }

    [Fact]
    public void Build_RejectsGrowthPastTheDeclaredMaximum()
    {
        var original = Wat("(module (memory 1 1))");
        var state = new WasmSnapshotState([], new byte[65536 * 2], 2);

        var ex = Assert.Throws<WasmSnapshotNotSupportedException>(() => WasmSnapshotBuilder.Build(original, state));
        Assert.Contains("maximum", ex.Message);
    }

    [Fact]
    public void Build_RejectsAValueOfTheWrongType()
    {
        var original = Wat("(module (global (mut i32) (i32.const 0)))");
        var state = new WasmSnapshotState([new WasmSnapshotGlobalValue(0, WasmSnapshotValueType.I64, 1, 0)], ReadOnlyMemory<byte>.Empty, 0);

        Assert.Throws<ArgumentException>(() => WasmSnapshotBuilder.Build(original, state));
    }

    [Fact]
    public void Build_KeepsGlobalsThatAreNotInTheState()
    {
        const string wat = """
            (module
              (global $a (mut i32) (i32.const 5))
              (global $b (mut i32) (i32.const 6))
              (func (export "a") (result i32) (global.get $a))
              (func (export "b") (result i32) (global.get $b)))
            """;
        var state = new WasmSnapshotState([new WasmSnapshotGlobalValue(1, WasmSnapshotValueType.I32, unchecked((uint)-9), 0)], ReadOnlyMemory<byte>.Empty, 0);

        var snapshot = WasmSnapshotBuilder.Build(Wat(wat), state);

        using var scope = Instantiate(snapshot);
        Assert.Equal(5, scope.Call("a"));
        Assert.Equal(-9, scope.Call("b"));
    }
}
