using Kubewarden.Kubernetes.Queries;

namespace Kubewarden.Kubernetes.Tests.Queries;

public sealed class LabelSelectorTests
{
    [Theory]
    [InlineData("", "app=web", true)]
    [InlineData("app=web", "app=web", true)]
    [InlineData("app=web", "app=db", false)]
    [InlineData("app=web", "", false)]
    [InlineData("app==web", "app=web", true)]
    [InlineData("app==web", "app=db", false)]
    [InlineData("app!=web", "app=db", true)]
    [InlineData("app!=web", "app=web", false)]
    [InlineData("app!=web", "", true)]
    [InlineData("app in (web,db)", "app=db", true)]
    [InlineData("app in (web, db)", "app=web", true)]
    [InlineData("app in(web)", "app=web", true)]
    [InlineData("app in (web,db)", "app=cache", false)]
    [InlineData("app in (web,db)", "", false)]
    [InlineData("app notin (web,db)", "app=cache", true)]
    [InlineData("app notin (web,db)", "app=web", false)]
    [InlineData("app notin (web,db)", "", true)]
    [InlineData("app", "app=", true)]
    [InlineData("app", "tier=front", false)]
    [InlineData("!app", "tier=front", true)]
    [InlineData("!app", "app=web", false)]
    [InlineData("replicas>2", "replicas=3", true)]
    [InlineData("replicas>2", "replicas=2", false)]
    [InlineData("replicas>2", "replicas=many", false)]
    [InlineData("replicas>2", "", false)]
    [InlineData("replicas<2", "replicas=1", true)]
    [InlineData("replicas<2", "replicas=2", false)]
    [InlineData("app=web,tier in (front),!legacy", "app=web,tier=front", true)]
    [InlineData("app=web,tier in (front),!legacy", "app=web,tier=front,legacy=yes", false)]
    [InlineData("app=web, tier notin (back, db)", "app=web,tier=back", false)]
    [InlineData("app=web, tier notin (back, db)", "app=web", true)]
    [InlineData("example.com/team=a,app", "example.com/team=a,app=x", true)]
    public void Matches_LabelsAgainstSelector_AsTheApiServerDoes(string selector, string labels, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels(labels)));
    }

    [Theory]
    [InlineData("app=web,,tier=front", "invalid label selector \"app=web,,tier=front\": empty requirement")]
    [InlineData("=web", "invalid label selector \"=web\": `=web` is not a valid label key")]
    [InlineData("app=we b", "invalid label selector \"app=we b\": `we b` is not a valid label value")]
    [InlineData("app=web=db", "invalid label selector \"app=web=db\": `web=db` is not a valid label value")]
    [InlineData("app in web", "invalid label selector \"app in web\": `app in web` needs a parenthesised list of values")]
    [InlineData("app in (web", "invalid label selector \"app in (web\": `app in (web` needs a parenthesised list of values")]
    [InlineData("app within (web)", "invalid label selector \"app within (web)\": `app within (web)` is not a requirement (expected =, ==, !=, in, notin, exists or !key)")]
    [InlineData("app in ()", "invalid label selector \"app in ()\": `app in ()` needs at least one value in its list")]
    [InlineData("replicas>two", "invalid label selector \"replicas>two\": `replicas>two` needs an integer value")]
    [InlineData("!", "invalid label selector \"!\": `` is not a valid label key")]
    public void Parse_MalformedSelector_ThrowsFormatExceptionSayingWhere(string selector, string message)
    {
        var error = Assert.Throws<FormatException>(() => LabelSelector.Parse(selector));
        Assert.Equal(message, error.Message);
    }

    private static KeyValuePair<string, string>[] Labels(string text) =>
        text.Length == 0
            ? []
            : [.. text.Split(',').Select(pair => pair.Split('=', 2)).Select(kv => KeyValuePair.Create(kv[0], kv[1]))];
}
