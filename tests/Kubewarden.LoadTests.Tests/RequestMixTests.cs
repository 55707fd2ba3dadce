using Kubewarden.LoadTests.Scenarios;

namespace Kubewarden.LoadTests.Tests;

public sealed class RequestMixTests
{
    [Fact]
    public void Requests_are_picked_in_proportion_to_their_weights()
    {
        var light = BodyTemplate.Parse("light", "{}");
        var heavy = BodyTemplate.Parse("heavy", "{}");
        var rare = BodyTemplate.Parse("rare", "{}");
        var mix = new RequestMix([new(light, 3), new(heavy, 6), new(rare, 1)]);
        var random = new Random(42);

        var counts = Enumerable.Range(0, 20_000).Select(_ => mix.Pick(random).Name).CountBy(name => name).ToDictionary();

        Assert.InRange(counts["light"], 5_700, 6_300);
        Assert.InRange(counts["heavy"], 11_700, 12_300);
        Assert.InRange(counts["rare"], 1_800, 2_200);
    }
}
