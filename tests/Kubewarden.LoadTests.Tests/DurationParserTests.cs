using Kubewarden.LoadTests.Load;

namespace Kubewarden.LoadTests.Tests;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("1.5s", 1.5)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    [InlineData("45", 45)]
    public void Durations_are_read_with_their_unit(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("-5s")]
    [InlineData("5 minutes")]
    public void Other_text_is_not_a_duration(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
