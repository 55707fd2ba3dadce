using System.Text;

namespace Kubewarden.Evaluation.Tests;

/// <summary>Load-time checks: metadata, protocol version, minimum version, module shape (spec §3.1, §3.5).</summary>
public sealed class LoadTests(EngineFixture fixture)
{
    [Fact]
    public void Load_ProtocolVersionV2_FailsNamingPolicyAndVersion()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(
            Harness.Definition("v2-policy"), TestPolicies.Load("accept", """{"protocolVersion":"v2","rules":[],"mutating":false,"executionMode":"kubewarden-wapc"}""")));

        Assert.Equal("policy `v2-policy`: Policy uses protocol version v2 but only V1 is supported", error.Message);
    }

    [Fact]
    public void Load_NoMetadataSection_FailsAsMissingProtocolVersion()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("bare"), TestPolicies.Bare("accept")));

        Assert.Equal("policy `bare`: Policy is missing protocol version, which is required for KubewardenWapc execution mode", error.Message);
    }

    [Fact]
    public void Load_MetadataWithoutProtocolVersion_FailsAsMissingProtocolVersion()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(
            Harness.Definition("unversioned"), TestPolicies.Load("accept", """{"rules":[],"mutating":false,"executionMode":"kubewarden-wapc"}""")));

        Assert.Equal("policy `unversioned`: Policy is missing protocol version, which is required for KubewardenWapc execution mode", error.Message);
    }

    [Fact]
    public void Load_MetadataWithoutExecutionMode_RunsAsKubewardenWapc()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("accept", """{"protocolVersion":"v1","rules":[],"mutating":false}"""));

        Assert.Equal(ExecutionMode.KubewardenWapc, evaluator.Mode);
        Assert.True(evaluator.Validate(Harness.Request()).Response.Allowed);
    }

    [Fact]
    public void Load_MinimumVersionAboveRunning_FailsNamingBothVersions()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(
            Harness.Definition("future"),
            TestPolicies.Load("accept", """{"protocolVersion":"v1","rules":[],"mutating":false,"executionMode":"kubewarden-wapc","minimumKubewardenVersion":"1.99.0"}""")));

        Assert.Equal("policy `future`: Policy required Kubewarden version 1.99.0 but is running on 1.36.0", error.Message);
    }

    [Theory]
    [InlineData("1.36.9")]
    [InlineData("1.36.0")]
    [InlineData("1.10.0")]
    [InlineData("0.1.0")]
    public void Load_MinimumVersionAtOrBelowRunningMinor_Loads(string version)
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var evaluator = loader.Load(
            Harness.Definition(),
            TestPolicies.Load("accept", $$"""{"protocolVersion":"v1","rules":[],"mutating":false,"executionMode":"kubewarden-wapc","minimumKubewardenVersion":"{{version}}"}"""));

        Assert.True(evaluator.Validate(Harness.Request()).Response.Allowed);
    }

    [Theory]
    [InlineData("""{"protocolVersion":"v1","mutating":false}""", "rules")]
    [InlineData("""{"protocolVersion":"v1","rules":[]}""", "mutating")]
    public void Load_MetadataMissingRequiredMember_FailsNamingTheMetadataAndMember(string metadata, string member)
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("incomplete"), TestPolicies.Load("accept", metadata)));

        Assert.StartsWith("policy `incomplete`: the io.kubewarden.metadata section is not valid policy metadata: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{member}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MetadataNotJson_FailsNamingTheMetadata()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("garbled"), TestPolicies.Load("accept", "{not json")));

        Assert.StartsWith("policy `garbled`: the io.kubewarden.metadata section is not valid policy metadata: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MetadataNull_FailsNamingTheMetadata()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("null-metadata"), TestPolicies.Load("accept", "null")));

        Assert.Equal("policy `null-metadata`: the io.kubewarden.metadata section is `null`; expected a JSON object", error.Message);
    }

    [Fact]
    public void Load_UnknownExecutionMode_FailsNamingTheMode()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(
            Harness.Definition("odd-mode"), TestPolicies.Load("accept", """{"protocolVersion":"v1","rules":[],"mutating":false,"executionMode":"cobol"}""")));

        Assert.Equal(
            "policy `odd-mode`: the metadata executionMode `cobol` is unknown; expected kubewarden-wapc, wasi, opa or gatekeeper", error.Message);
    }

    [Fact]
    public void Load_ExecutionModeOverride_SkipsTheProtocolCheck()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var evaluator = loader.Load(Harness.Definition() with { ExecutionMode = ExecutionMode.KubewardenWapc }, TestPolicies.Bare("accept"));

        Assert.Null(evaluator.Metadata);
        Assert.Equal(ExecutionMode.KubewardenWapc, evaluator.Mode);
        Assert.True(evaluator.Validate(Harness.Request()).Response.Allowed);
    }

    [Fact]
    public void Load_ValidPolicy_ExposesMetadataAndSettings()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        using var settings = System.Text.Json.JsonDocument.Parse("""{"b":1,"a":[true]}""");

        var evaluator = loader.Load(Harness.Definition("with-settings") with { Settings = settings.RootElement.Clone() }, TestPolicies.Load("accept"));

        Assert.Equal("with-settings", evaluator.Id);
        Assert.Equal("v1", evaluator.Metadata?.ProtocolVersion);
        Assert.False(evaluator.Metadata?.Mutating);
        Assert.Equal("""{"a":[true],"b":1}""", Encoding.UTF8.GetString(evaluator.Settings.Span));
    }

    [Fact]
    public void Load_NoSettings_PolicyReceivesEmptyObject()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("accept"));

        Assert.Equal("{}", Encoding.UTF8.GetString(evaluator.Settings.Span));
    }

    [Fact]
    public void Load_BytesNotWasm_FailsNamingThePolicy()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("garbage"), "not wasm"u8.ToArray()));

        Assert.StartsWith("policy `garbage`: ", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Load_ModuleWithoutGuestCall_FailsNamingTheMissingExport()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("no-entry"), TestPolicies.Load("no-guest-call")));

        Assert.Equal("policy `no-entry`: Guest call function (__guest_call) not exported by wasm module.", error.Message);
    }

    [Fact]
    public void LoadWapcGuest_ModuleWithoutGuestCall_FailsNamingTheMissingExport()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.LoadWapcGuest(TestPolicies.Bare("no-guest-call"), "x"));

        Assert.Equal("Guest call function (__guest_call) not exported by wasm module.", error.Message);
    }

    [Fact]
    public void Load_ModuleFailingValidation_FailsAsInvalidModule()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        // The function promises an i32 result and returns nothing: the text parses, the module does not validate.
        var module = TestPolicies.FromText("""(module (memory (export "memory") 1) (func (export "__guest_call") (param i32 i32) (result i32)))""");

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("invalid"), module));

        Assert.StartsWith("policy `invalid`: not a valid WebAssembly module: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ModuleImportingUnknownFunction_FailsNamingTheImport()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var module = TestPolicies.FromText("""
            (module
              (import "env" "abort" (func (param i32)))
              (memory (export "memory") 1)
              (func (export "__guest_call") (param i32 i32) (result i32) (i32.const 0)))
            """);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("foreign-import"), module));

        Assert.Equal("policy `foreign-import`: the module imports the function `env`.`abort`, which the host does not provide", error.Message);
    }

    [Fact]
    public void Load_WapcImportWithWrongSignature_FailsNamingBothSignatures()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var module = TestPolicies.FromText("""
            (module
              (import "wapc" "__guest_response" (func (param i32)))
              (memory (export "memory") 1)
              (func (export "__guest_call") (param i32 i32) (result i32) (i32.const 0)))
            """);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("bad-signature"), module));

        Assert.Equal(
            "policy `bad-signature`: the module imports the function `wapc`.`__guest_response` as (I32) -> (), but the host defines it as (I32, I32) -> ()",
            error.Message);
    }

    [Fact]
    public void Load_AfterBrokenModules_SameLoaderStillLoadsValidPolicy()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("a"), "not wasm"u8.ToArray()));
        Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("b"), TestPolicies.Load("no-guest-call")));
        Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("c"), TestPolicies.Bare("accept")));
        Assert.Throws<PolicyLoadException>(() => loader.Load(
            Harness.Definition("d"), TestPolicies.Load("accept", """{"protocolVersion":"v2","rules":[],"mutating":false,"executionMode":"kubewarden-wapc"}""")));

        var evaluator = loader.Load(Harness.Definition("good"), TestPolicies.Load("accept"));

        Assert.True(evaluator.Validate(Harness.Request()).Response.Allowed);
    }

    [Fact]
    public void Load_SameModuleFailsTwice_FailsTheSecondTimeToo()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var module = TestPolicies.Load("no-guest-call");

        Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("first"), module));
        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("second"), module));

        Assert.Equal("policy `second`: Guest call function (__guest_call) not exported by wasm module.", error.Message);
    }
}
