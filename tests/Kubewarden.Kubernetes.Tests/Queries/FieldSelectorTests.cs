using Kubewarden.Kubernetes.Queries;

namespace Kubewarden.Kubernetes.Tests.Queries;

public sealed class FieldSelectorTests
{
    [Theory]
    [InlineData(null, "team-a", "web", true)]
    [InlineData("", "team-a", "web", true)]
    [InlineData("metadata.name=web", "team-a", "web", true)]
    [InlineData("metadata.name=web", "team-a", "db", false)]
    [InlineData("metadata.name==web", "team-a", "web", true)]
    [InlineData("metadata.name!=web", "team-a", "web", false)]
    [InlineData("metadata.name!=web", "team-a", "db", true)]
    [InlineData("metadata.namespace=team-a", "team-a", "web", true)]
    [InlineData("metadata.namespace=team-a", "team-b", "web", false)]
    [InlineData("metadata.namespace!=team-a", "team-b", "web", true)]
    [InlineData("metadata.namespace=team-a, metadata.name = web", "team-a", "web", true)]
    [InlineData("metadata.namespace=team-a,metadata.name=web", "team-a", "db", false)]
    [InlineData("metadata.namespace=team-a,metadata.name!=web", "team-a", "db", true)]
    public void Matches_NameAndNamespaceTerms_InProcess(string? selector, string @namespace, string name, bool expected)
    {
        var parsed = FieldSelector.Parse(selector);

        Assert.Null(parsed.ServerSide);
        Assert.Equal(expected, parsed.Matches(@namespace, name));
    }

    [Theory]
    [InlineData("status.phase=Active")]
    [InlineData("metadata.name=web,status.phase!=Terminating")]
    [InlineData("spec.nodeName=node-1,metadata.namespace=team-a")]
    public void Parse_AnyOtherField_LeavesTheWholeSelectorToTheServer(string selector)
    {
        var parsed = FieldSelector.Parse(selector);

        Assert.Equal(selector, parsed.ServerSide);
        Assert.True(parsed.Matches("anything", "at-all"));
    }

    [Theory]
    [InlineData("metadata.name", "`metadata.name` is not field=value, field==value or field!=value")]
    [InlineData("=web", "`=web` is not field=value, field==value or field!=value")]
    [InlineData("metadata.name=web,", "`` is not field=value, field==value or field!=value")]
    public void Parse_MalformedSelector_ThrowsFormatExceptionNamingTheTerm(string selector, string problem)
    {
        var error = Assert.Throws<FormatException>(() => FieldSelector.Parse(selector));
        Assert.Equal($"invalid field selector \"{selector}\": {problem}", error.Message);
    }
}
