using Tango.Domain.Service;

namespace Tango.Domain.Tests.Service;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("PT2H", 2 * 3600)]
    [InlineData("PT30M", 30 * 60)]
    [InlineData("PT45S", 45)]
    [InlineData("P1D", 86_400)]
    [InlineData("P1DT12H", 36 * 3600)]
    [InlineData("P2W", 14 * 86_400)]
    [InlineData("PT1H30M", 90 * 60)]
    [InlineData("PT0S", 0)]
    public void Fixed_length_durations_parse(string text, int seconds)
    {
        Assert.True(IsoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("2H")]
    [InlineData("PT2")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("PT1.5H")]
    [InlineData("PT-1H")]
    [InlineData("pt2h")]
    [InlineData("PT30M2H")]
    [InlineData("P1W2D")]
    [InlineData("P3661D")]
    public void Anything_else_is_refused(string? text) => Assert.False(IsoDuration.TryParse(text, out _));

    [Theory]
    [InlineData(90 * 60, "PT1H30M")]
    [InlineData(2 * 86_400, "P2D")]
    [InlineData(86_400 + 60, "P1DT1M")]
    [InlineData(0, "PT0S")]
    public void Formatting_gives_the_shortest_form(int seconds, string text) =>
        Assert.Equal(text, IsoDuration.Format(TimeSpan.FromSeconds(seconds)));
}
