using System.Text;
using System.Text.Json;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Metadata;
using Kubewarden.Evaluation.Rego;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Evaluation.Tests;

/// <summary>
/// Context-aware Rego policies get the Kubernetes inventory in their data (spec §3.4): OPA under <c>kubernetes</c>
/// (replacing a settings key of that name), Gatekeeper as <c>{"inventory": ...}</c>; a failure is an internal error.
/// </summary>
public sealed class RegoInventoryTests(EngineFixture fixture)
{
    private const string Inventory = """{"namespaces":{"team-a":{"metadata":{"name":"team-a"}}}}""";
    private static readonly ContextAwareResource Namespaces = new("v1", "Namespace");

    [Fact]
    public void Opa_ContextAware_DataIsTheSettingsWithTheInventoryUnderKubernetes()
    {
        var source = new FixedInventories(RegoInventory.Of(Encoding.UTF8.GetBytes(Inventory)));

        var data = EchoedData("opa", source, """{"limit":3,"kubernetes":"from the settings"}""");

        Assert.Equal(3, data.GetProperty("limit").GetInt32());
        Assert.Equal("team-a", data.GetProperty("kubernetes").GetProperty("namespaces").GetProperty("team-a").GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal([Namespaces], source.AskedFor);
    }

    [Fact]
    public void Gatekeeper_ContextAware_DataIsTheInventoryUnderInventory()
    {
        var source = new FixedInventories(RegoInventory.Of(Encoding.UTF8.GetBytes(Inventory)));

        var data = EchoedData("gatekeeper", source, "{}");

        Assert.Equal(["inventory"], data.EnumerateObject().Select(p => p.Name));
        Assert.True(data.GetProperty("inventory").TryGetProperty("namespaces", out _));
        Assert.True(source.Gatekeeper);
    }

    [Theory]
    [InlineData("opa")]
    [InlineData("gatekeeper")]
    public void ContextAware_InventoryFails_AnswersAnInternalErrorWithTheReason(string mode)
    {
        using var loader = Loader(new FixedInventories(RegoInventory.Failed("Cannot find resource v1/Nope")));
        var evaluator = loader.Load(
            Harness.Definition() with { ContextAwareResources = [Namespaces] }, OpaTestModules.Annotated(mode, OpaTestModules.EchoData));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.False(verdict.Response.Allowed);
        Assert.Equal(500, verdict.Response.Status?.Code);
        Assert.Equal("internal server error: cannot build Rego context aware data: Cannot find resource v1/Nope", verdict.Response.Status?.Message);
    }

    private JsonElement EchoedData(string mode, FixedInventories source, string settings)
    {
        using var loader = Loader(source);
        var evaluator = loader.Load(
            Harness.Definition() with { ContextAwareResources = [Namespaces], Settings = JsonDocument.Parse(settings).RootElement },
            OpaTestModules.Annotated(mode, OpaTestModules.EchoData));

        var verdict = evaluator.Validate(Harness.Request());

        using var output = JsonDocument.Parse(verdict.PolicyOutput);
        return output.RootElement[0].GetProperty("result").Clone();
    }

    private PolicyLoader Loader(IRegoInventorySource inventories) => new(
        fixture.Engine, new HostCapabilityDispatcher([], NullLogger<HostCapabilityDispatcher>.Instance), new EvaluationOptions(),
        NullLoggerFactory.Instance, TimeProvider.System, inventories);

    private sealed class FixedInventories(RegoInventory answer) : IRegoInventorySource
    {
        public List<ContextAwareResource> AskedFor { get; } = [];

        public bool Gatekeeper { get; private set; }

        public RegoInventory ForOpa(IReadOnlyList<ContextAwareResource> resources)
        {
            AskedFor.AddRange(resources);
            return answer;
        }

        public RegoInventory ForGatekeeper(IReadOnlyList<ContextAwareResource> resources)
        {
            Gatekeeper = true;
            AskedFor.AddRange(resources);
            return answer;
        }
    }
}
