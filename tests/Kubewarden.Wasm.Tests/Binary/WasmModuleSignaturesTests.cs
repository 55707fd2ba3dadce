using Kubewarden.Wasm.Binary;
using Wasmtime;
using static Kubewarden.Wasm.Tests.Binary.SnapshotHarness;

namespace Kubewarden.Wasm.Tests.Binary;

public sealed class WasmModuleSignaturesTests
{
    private static readonly byte[] _header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    private const WasmValueKind I32 = WasmValueKind.I32;
    private const WasmValueKind I64 = WasmValueKind.I64;
    private const WasmValueKind F32 = WasmValueKind.F32;
    private const WasmValueKind F64 = WasmValueKind.F64;
    private const WasmValueKind V128 = WasmValueKind.V128;
    private const WasmValueKind Ref = WasmValueKind.Reference;

    /// <summary>A policy-like module: host calls from two modules, an imported memory, global and table, and re-exports.</summary>
    private const string CorpusLikeWat = """
        (module
          (type $log (func (param i32 i32)))
          (import "host" "log" (func $log (type $log)))
          (import "host" "now" (func $now (result i64)))
          (import "env" "scale" (func $scale (param f32 f64) (result f64)))
          (import "env" "mix" (func $mix (param i64 f32 i32 f64) (result i32 i64)))
          (import "env" "memory" (memory $mem 1))
          (import "env" "seed" (global $seed (mut i64)))
          (import "env" "table" (table $tab 2 funcref))
          (import "host" "noop" (func $noop))
          (global $ratio f64 (f64.const 0.5))
          (global $count (mut i32) (i32.const 0))
          (func $validate (export "validate") (param i32 i32) (result i64) (i64.const 0))
          (func $area (param f32 f32) (result f32) (f32.mul (local.get 0) (local.get 1)))
          (func (export "init"))
          (export "area" (func $area))
          (export "log" (func $log))
          (export "mix_again" (func $mix))
          (export "memory" (memory $mem))
          (export "seed" (global $seed))
          (export "ratio" (global $ratio))
          (export "count" (global $count))
          (export "table" (table $tab))
          (export "noop" (func $noop))
        )
        """;

    [Fact]
    public void Read_CorpusLikeModule_ResolvesEveryImport()
    {
        var signature = WasmModuleSignatures.Read(Wat(CorpusLikeWat));

        AssertImports(
            signature,
            ("host", "log", WasmExternKind.Function, [I32, I32], []),
            ("host", "now", WasmExternKind.Function, [], [I64]),
            ("env", "scale", WasmExternKind.Function, [F32, F64], [F64]),
            ("env", "mix", WasmExternKind.Function, [I64, F32, I32, F64], [I32, I64]),
            ("env", "memory", WasmExternKind.Memory, [], []),
            ("env", "seed", WasmExternKind.Global, [], [I64]),
            ("env", "table", WasmExternKind.Table, [], []),
            ("host", "noop", WasmExternKind.Function, [], []));
    }

    [Fact]
    public void Read_CorpusLikeModule_ResolvesDefinedAndReExportedFunctions()
    {
        var signature = WasmModuleSignatures.Read(Wat(CorpusLikeWat));

        AssertExports(
            signature,
            ("validate", WasmExternKind.Function, [I32, I32], [I64]),
            ("init", WasmExternKind.Function, [], []),
            ("area", WasmExternKind.Function, [F32, F32], [F32]),
            ("log", WasmExternKind.Function, [I32, I32], []),
            ("mix_again", WasmExternKind.Function, [I64, F32, I32, F64], [I32, I64]),
            ("memory", WasmExternKind.Memory, [], []),
            ("seed", WasmExternKind.Global, [], [I64]),
            ("ratio", WasmExternKind.Global, [], [F64]),
            ("count", WasmExternKind.Global, [], [I32]),
            ("table", WasmExternKind.Table, [], []),
            ("noop", WasmExternKind.Function, [], []));
    }

    [Fact]
    public void Read_CorpusLikeModule_MatchesWasmtimeReflection()
    {
        AssertMatchesWasmtime(Wat(CorpusLikeWat), new Config());
    }

    [Fact]
    public void Read_ReferenceAndVectorTypes_MatchWasmtimeReflection()
    {
        var module = Wat("""
            (module
              (import "env" "take" (func (param externref funcref v128) (result externref)))
              (import "env" "g" (global externref))
              (global $f (mut funcref) (ref.null func))
              (global $v v128 (v128.const i64x2 1 2))
              (func (export "id") (param v128) (result v128) (local.get 0))
              (func (export "null") (result funcref) (ref.null func))
              (export "f" (global $f))
              (export "v" (global $v))
            )
            """);

        var signature = WasmModuleSignatures.Read(module);

        AssertImports(
            signature,
            ("env", "take", WasmExternKind.Function, [Ref, Ref, V128], [Ref]),
            ("env", "g", WasmExternKind.Global, [], [Ref]));
        AssertExports(
            signature,
            ("id", WasmExternKind.Function, [V128], [V128]),
            ("null", WasmExternKind.Function, [], [Ref]),
            ("f", WasmExternKind.Global, [], [Ref]),
            ("v", WasmExternKind.Global, [], [V128]));
        AssertMatchesWasmtime(module, new Config());
    }

    [Fact]
    public void Read_GcRecursiveGroupsAndSubtypes_IndexTypesCorrectly()
    {
        var module = Wat("""
            (module
              (rec
                (type $node (struct (field $value i32) (field $next (mut (ref null $node)))))
                (type $visit (func (param (ref null $node)) (result i32))))
              (type $bytes (array (mut i8)))
              (type $shorts (array i16))
              (type $base (sub (func (param i64) (result i64))))
              (type $derived (sub final $base (func (param i64) (result i64))))
              (type $pair (struct (field f32) (field f64)))
              (type $plain (func (param f32) (result f64)))
              (import "env" "visit" (func (type $visit)))
              (import "env" "len" (func (param (ref $bytes)) (result i32)))
              (func (export "derived") (type $derived) (local.get 0))
              (func (export "plain") (type $plain) (f64.promote_f32 (local.get 0)))
              (func (export "make") (param i32) (result (ref $node)) (struct.new $node (local.get 0) (ref.null $node)))
            )
            """);

        var signature = WasmModuleSignatures.Read(module);

        AssertImports(
            signature,
            ("env", "visit", WasmExternKind.Function, [Ref], [I32]),
            ("env", "len", WasmExternKind.Function, [Ref], [I32]));
        AssertExports(
            signature,
            ("derived", WasmExternKind.Function, [I64], [I64]),
            ("plain", WasmExternKind.Function, [F32], [F64]),
            ("make", WasmExternKind.Function, [I32], [Ref]));
    }

    [Fact]
    public void Read_GcTypeIndexing_MatchesWasmtimeReflection()
    {
        // Wasmtime's .NET reflection cannot describe concrete reference types, so the signatures here are numeric;
        // the struct, array, rec and sub types only shift the type indices they resolve through.
        var module = Wat("""
            (module
              (rec
                (type $node (struct (field i32) (field (mut (ref null $node)))))
                (type $visit (func (param i32 i64) (result f32))))
              (type $bytes (array (mut i8)))
              (rec (type $base (sub (func (param f64) (result i32)))) (type $shorts (array i16)))
              (type $derived (sub final $base (func (param f64) (result i32))))
              (type $plain (func (param f32 i32) (result f64 i64)))
              (import "env" "visit" (func (type $visit)))
              (import "env" "base" (func (type $base)))
              (func (export "derived") (type $derived) (i32.const 0))
              (func (export "plain") (type $plain) (f64.const 0) (i64.const 0))
              (export "visit" (func 0))
            )
            """);

        var signature = WasmModuleSignatures.Read(module);

        AssertImports(
            signature,
            ("env", "visit", WasmExternKind.Function, [I32, I64], [F32]),
            ("env", "base", WasmExternKind.Function, [F64], [I32]));
        AssertExports(
            signature,
            ("derived", WasmExternKind.Function, [F64], [I32]),
            ("plain", WasmExternKind.Function, [F32, I32], [F64, I64]),
            ("visit", WasmExternKind.Function, [I32, I64], [F32]));
        AssertMatchesWasmtime(module, new Config().WithGc(true).WithFunctionReferences(true));
    }

    [Fact]
    public void Read_Tags_AreOtherWithoutTypes()
    {
        var module = Wat("""
            (module
              (import "env" "oops" (tag $oops (param i32)))
              (tag $mine (param i64 f32))
              (export "oops" (tag $oops))
              (export "mine" (tag $mine))
              (func (export "f") (param i32) (result i32) (local.get 0))
            )
            """);

        var signature = WasmModuleSignatures.Read(module);

        AssertImports(signature, ("env", "oops", WasmExternKind.Other, [], []));
        AssertExports(
            signature,
            ("oops", WasmExternKind.Other, [], []),
            ("mine", WasmExternKind.Other, [], []),
            ("f", WasmExternKind.Function, [I32], [I32]));
    }

    [Fact]
    public void Read_EmptyModule_HasNoImportsOrExports()
    {
        var signature = WasmModuleSignatures.Read(Wat("(module)"));

        Assert.Empty(signature.Imports);
        Assert.Empty(signature.Exports);
    }

    [Fact]
    public void Read_ReturnedListsAreReadOnly()
    {
        var signature = WasmModuleSignatures.Read(Wat(CorpusLikeWat));

        Assert.IsNotType<WasmValueKind[]>(signature.Exports[0].Parameters, exactMatch: false);
        Assert.True(((ICollection<WasmValueKind>)signature.Exports[0].Parameters).IsReadOnly);
        Assert.True(((ICollection<WasmExportSignature>)signature.Exports).IsReadOnly);
        Assert.True(((ICollection<WasmImportSignature>)signature.Imports).IsReadOnly);
    }

    [Fact]
    public void Read_BadMagicNumber_Throws()
    {
        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleSignatures.Read("hello world!"u8));

        Assert.Contains("bad magic number", ex.Message);
    }

    [Fact]
    public void Read_TruncatedModule_Throws()
    {
        var module = Wat(CorpusLikeWat);
        var sectionEnds = WasmModuleReader.ReadSections(module).Select(s => s.Offset + s.Length).ToHashSet();

        // Every cut inside a section (a cut at a section boundary leaves a well-formed, shorter module).
        for (var length = 9; length < module.Length; length++)
        {
            if (sectionEnds.Contains(length))
            {
                continue;
            }

            var truncated = module[..length];
            Assert.Throws<WasmFormatException>(() => WasmModuleSignatures.Read(truncated));
        }
    }

    [Fact]
    public void Read_FunctionTypeIndexOutOfRange_Throws()
    {
        // type section: one (func); function section: one function of type 5.
        byte[] module = [.. _header, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x05];

        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleSignatures.Read(module));

        Assert.Contains("type index 5", ex.Message);
        Assert.Equal(17, ex.Offset);
    }

    [Fact]
    public void Read_FunctionOfStructType_Throws()
    {
        // type section: one (struct); function section: one function of type 0.
        byte[] module = [.. _header, 0x01, 0x03, 0x01, 0x5F, 0x00, 0x03, 0x02, 0x01, 0x00];

        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleSignatures.Read(module));

        Assert.Contains("type 0 at offset 16 is not a function type", ex.Message);
    }

    [Fact]
    public void Read_UnknownTypeForm_Throws()
    {
        byte[] module = [.. _header, 0x01, 0x02, 0x01, 0x5D];

        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleSignatures.Read(module));

        Assert.Contains("unsupported type form 0x5D at offset 11", ex.Message);
        Assert.Equal(11, ex.Offset);
    }

    [Fact]
    public void Read_UnknownTypeFormInsideRecGroup_Throws()
    {
        // rec group of two: (func) and a subtype whose composite type is 0x40.
        byte[] module = [.. _header, 0x01, 0x09, 0x01, 0x4E, 0x02, 0x60, 0x00, 0x00, 0x50, 0x00, 0x40];

        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleSignatures.Read(module));

        Assert.Contains("unsupported type form 0x40 at offset 18", ex.Message);
        Assert.Equal(18, ex.Offset);
    }

    [Fact]
    public void Read_UnknownValueType_Throws()
    {
        byte[] module = [.. _header, 0x01, 0x05, 0x01, 0x60, 0x01, 0x55, 0x00];

        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleSignatures.Read(module));

        Assert.Contains("unknown value type 0x55", ex.Message);
    }

    [Fact]
    public void Read_UnknownImportKind_Throws()
    {
        // import "a" "b" of kind 7.
        byte[] module = [.. _header, 0x02, 0x07, 0x01, 0x01, (byte)'a', 0x01, (byte)'b', 0x07, 0x00];

        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleSignatures.Read(module));

        Assert.Contains("unknown import kind 0x07", ex.Message);
    }

    [Fact]
    public void Read_ExportOfMissingFunction_Throws()
    {
        // export "f" of function 0 with no functions at all.
        byte[] module = [.. _header, 0x07, 0x05, 0x01, 0x01, (byte)'f', 0x00, 0x00];

        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleSignatures.Read(module));

        Assert.Contains("function index 0", ex.Message);
        Assert.Contains("out of range", ex.Message);
    }

    [Fact]
    public void Read_ExportOfMissingGlobal_Throws()
    {
        byte[] module = [.. _header, 0x07, 0x05, 0x01, 0x01, (byte)'g', 0x03, 0x02];

        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleSignatures.Read(module));

        Assert.Contains("global index 2", ex.Message);
    }

    [Fact]
    public void Read_TrailingBytesInTypeSection_Throws()
    {
        byte[] module = [.. _header, 0x01, 0x05, 0x01, 0x60, 0x00, 0x00, 0xFF];

        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleSignatures.Read(module));

        Assert.Contains("unexpected trailing bytes", ex.Message);
    }

    [Fact]
    public void Read_Component_Throws()
    {
        byte[] component = [0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00];

        Assert.Throws<WasmFormatException>(() => WasmModuleSignatures.Read(component));
    }

    private static void AssertImports(
        WasmModuleSignature signature,
        params (string Module, string Name, WasmExternKind Kind, WasmValueKind[] Parameters, WasmValueKind[] Results)[] expected)
    {
        Assert.Equal(expected.Length, signature.Imports.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var actual = signature.Imports[i];
            var e = expected[i];
            Assert.Equal((e.Module, e.Name, e.Kind), (actual.Module, actual.Name, actual.Kind));
            Assert.Equal(e.Parameters, actual.Parameters);
            Assert.Equal(e.Results, actual.Results);
        }
    }

    private static void AssertExports(
        WasmModuleSignature signature,
        params (string Name, WasmExternKind Kind, WasmValueKind[] Parameters, WasmValueKind[] Results)[] expected)
    {
        Assert.Equal(expected.Length, signature.Exports.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var actual = signature.Exports[i];
            var e = expected[i];
            Assert.Equal((e.Name, e.Kind), (actual.Name, actual.Kind));
            Assert.Equal(e.Parameters, actual.Parameters);
            Assert.Equal(e.Results, actual.Results);
        }
    }

    /// <summary>Checks the reader agrees with Wasmtime's own reflection on every import and export.</summary>
    private static void AssertMatchesWasmtime(byte[] bytes, Config config)
    {
        var signature = WasmModuleSignatures.Read(bytes);
        using var engine = new Engine(config);
        using var module = Module.FromBytes(engine, "m", bytes);

        var expectedImports = module.Imports
            .Select(i => (i.ModuleName, i.Name, Describe(i)))
            .ToList();
        var actualImports = signature.Imports
            .Select(i => (i.Module, i.Name, (i.Kind, string.Join(",", i.Parameters), string.Join(",", i.Results))))
            .ToList();
        Assert.Equal(expectedImports, actualImports);

        var expectedExports = module.Exports
            .Select(e => (e.Name, Describe(e)))
            .ToList();
        var actualExports = signature.Exports
            .Select(e => (e.Name, (e.Kind, string.Join(",", e.Parameters), string.Join(",", e.Results))))
            .ToList();
        Assert.Equal(expectedExports, actualExports);
    }

    private static (WasmExternKind Kind, string Parameters, string Results) Describe(Import import) => import switch
    {
        FunctionImport f => (WasmExternKind.Function, Join(f.Parameters), Join(f.Results)),
        GlobalImport g => (WasmExternKind.Global, "", Map(g.Kind).ToString()),
        MemoryImport => (WasmExternKind.Memory, "", ""),
        TableImport => (WasmExternKind.Table, "", ""),
        _ => (WasmExternKind.Other, "", ""),
    };

    private static (WasmExternKind Kind, string Parameters, string Results) Describe(Export export) => export switch
    {
        FunctionExport f => (WasmExternKind.Function, Join(f.Parameters), Join(f.Results)),
        GlobalExport g => (WasmExternKind.Global, "", Map(g.Kind).ToString()),
        MemoryExport => (WasmExternKind.Memory, "", ""),
        TableExport => (WasmExternKind.Table, "", ""),
        _ => (WasmExternKind.Other, "", ""),
    };

    private static string Join(IEnumerable<ValueKind> kinds) => string.Join(",", kinds.Select(Map));

    private static WasmValueKind Map(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => WasmValueKind.I32,
        ValueKind.Int64 => WasmValueKind.I64,
        ValueKind.Float32 => WasmValueKind.F32,
        ValueKind.Float64 => WasmValueKind.F64,
        ValueKind.V128 => WasmValueKind.V128,
        _ => WasmValueKind.Reference,
    };
}
