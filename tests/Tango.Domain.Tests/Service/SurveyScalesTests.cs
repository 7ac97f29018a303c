using Tango.Domain.Service;

namespace Tango.Domain.Tests.Service;

public sealed class SurveyScalesTests
{
    [Theory]
    [InlineData(SurveyKind.Nps, 0, true)]
    [InlineData(SurveyKind.Nps, 10, true)]
    [InlineData(SurveyKind.Nps, -1, false)]
    [InlineData(SurveyKind.Nps, 11, false)]
    [InlineData(SurveyKind.Csat, 1, true)]
    [InlineData(SurveyKind.Csat, 5, true)]
    [InlineData(SurveyKind.Csat, 0, false)]
    [InlineData(SurveyKind.Csat, 6, false)]
    public void Scores_are_checked_against_their_kind(SurveyKind kind, int score, bool inRange) =>
        Assert.Equal(inRange, SurveyScales.IsInRange(kind, score));

    [Fact]
    public void Nps_0_to_6_and_csat_1_to_2_call_for_service_recovery()
    {
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], Enumerable.Range(0, 11).Where(s => SurveyScales.IsDetractor(SurveyKind.Nps, s)));
        Assert.Equal([1, 2], Enumerable.Range(1, 5).Where(s => SurveyScales.IsDetractor(SurveyKind.Csat, s)));
    }
}
