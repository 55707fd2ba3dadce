using Kubewarden.Evaluation.Metadata;

namespace Kubewarden.Evaluation.Tests;

/// <summary>Defaults of the metadata schema (spec §3.5) when the optional members are absent.</summary>
public sealed class MetadataReaderTests
{
    private static PolicyMetadata ReadMinimal() =>
        PolicyMetadataReader.Read(TestPolicies.Load("accept", """{"rules":[],"mutating":false}""")) ?? throw new InvalidOperationException("no metadata");

    [Fact]
    public void Read_ExecutionModeAbsent_DefaultsToKubewardenWapc() => Assert.Equal("kubewarden-wapc", ReadMinimal().ExecutionMode);

    [Fact]
    public void Read_BackgroundAuditAbsent_DefaultsToTrue() => Assert.True(ReadMinimal().BackgroundAudit);

    [Fact]
    public void Read_PolicyTypeAbsent_DefaultsToKubernetes() => Assert.Equal("kubernetes", ReadMinimal().PolicyType);

    [Fact]
    public void Read_ContextAwareResourcesAbsent_DefaultsToEmpty() => Assert.Empty(ReadMinimal().ContextAwareResources);

    [Fact]
    public void Read_ProtocolVersionAbsent_IsNull() => Assert.Null(ReadMinimal().ProtocolVersion);

    [Fact]
    public void Read_AllMembersPresent_ReadsThem()
    {
        var metadata = PolicyMetadataReader.Read(TestPolicies.Load("accept", """
            {"protocolVersion":"v1","rules":[{"apiGroups":[""],"apiVersions":["v1"],"resources":["pods"],"operations":["CREATE"]}],
             "mutating":true,"backgroundAudit":false,"executionMode":"wasi","policyType":"raw",
             "contextAwareResources":[{"apiVersion":"v1","kind":"Namespace"}],"minimumKubewardenVersion":"1.30.0"}
            """));

        Assert.NotNull(metadata);
        Assert.Equal("v1", metadata.ProtocolVersion);
        Assert.Single(metadata.Rules);
        Assert.True(metadata.Mutating);
        Assert.False(metadata.BackgroundAudit);
        Assert.Equal("wasi", metadata.ExecutionMode);
        Assert.Equal("raw", metadata.PolicyType);
        Assert.Single(metadata.ContextAwareResources);
        Assert.Equal("1.30.0", metadata.MinimumKubewardenVersion);
    }

    [Fact]
    public void Read_ModuleWithoutSection_IsNull() => Assert.Null(PolicyMetadataReader.Read(TestPolicies.Bare("accept")));
}
