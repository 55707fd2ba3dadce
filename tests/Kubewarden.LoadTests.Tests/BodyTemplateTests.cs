using System.Text;
using Kubewarden.LoadTests.Scenarios;

namespace Kubewarden.LoadTests.Tests;

public sealed class BodyTemplateTests
{
    [Fact]
    public void Uid_is_fresh_for_every_request_and_n_is_the_sequence_number()
    {
        var template = BodyTemplate.Parse("t", """{"uid":"{{uid}}","n":{{ n }}}""");

        var bodies = Enumerable.Range(1, 1000).Select(n => Encoding.UTF8.GetString(template.Render(n, Random.Shared))).ToList();

        Assert.Equal(1000, bodies.Distinct().Count());
        Assert.EndsWith("\"n\":1000}", bodies[^1], StringComparison.Ordinal);
        Assert.Matches("""^\{"uid":"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}","n":1\}$""", bodies[0]);
    }

    [Fact]
    public void Random_picks_only_and_eventually_every_choice()
    {
        var template = BodyTemplate.Parse("t", "ns={{random:default|kube-system|prod}};");
        var random = new Random(7);

        var seen = Enumerable.Range(0, 300).Select(n => Encoding.UTF8.GetString(template.Render(n, random))).ToHashSet();

        Assert.Equal(["ns=default;", "ns=kube-system;", "ns=prod;"], seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Text_without_placeholders_is_sent_as_is()
    {
        const string text = """{"kind":"AdmissionReview","é":"{ not a placeholder }"}""";

        var body = BodyTemplate.Parse("t", text).Render(1, Random.Shared);

        Assert.Equal(text, Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("{{uuid}}", "unknown placeholder '{{uuid}}'")]
    [InlineData("{\"a\": {{uid}", "never closed")]
    [InlineData("{{random:a||b}}", "empty choice")]
    public void Bad_placeholders_are_rejected_with_the_template_name(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => BodyTemplate.Parse("pod.json", text));

        Assert.StartsWith("pod.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
