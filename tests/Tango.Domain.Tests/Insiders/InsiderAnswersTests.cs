using Tango.Domain.Insiders;

namespace Tango.Domain.Tests.Insiders;

public sealed class InsiderAnswersTests
{
    [Theory]
    [InlineData(InsiderStatus.Invited, true, InsiderStatus.Accepted)]
    [InlineData(InsiderStatus.Invited, false, InsiderStatus.Declined)]
    [InlineData(InsiderStatus.Declined, true, InsiderStatus.Accepted)]
    [InlineData(InsiderStatus.Accepted, false, InsiderStatus.Declined)]
    [InlineData(InsiderStatus.Accepted, true, InsiderStatus.Accepted)]
    public void A_member_may_change_their_mind_while_the_group_is_open(string current, bool accept, string after)
    {
        Assert.Equal(after, InsiderAnswers.Answer(current, accept).Status);
    }

    [Theory]
    [InlineData(InsiderStatus.Accepted, false)]
    [InlineData(InsiderStatus.Invited, true)]
    [InlineData(InsiderStatus.Declined, true)]
    [InlineData(null, true)]
    public void Only_members_who_accepted_give_feedback(string? status, bool refused)
    {
        Assert.Equal(refused, InsiderAnswers.FeedbackRefusal(status) is not null);
    }
}
