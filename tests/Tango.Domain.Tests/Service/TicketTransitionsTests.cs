using Tango.Domain.Service;

namespace Tango.Domain.Tests.Service;

public sealed class TicketTransitionsTests
{
    [Theory]
    [InlineData(TicketStatus.Open, TicketStatus.Pending)]
    [InlineData(TicketStatus.Open, TicketStatus.Resolved)]
    [InlineData(TicketStatus.Pending, TicketStatus.Open)]
    [InlineData(TicketStatus.Pending, TicketStatus.Resolved)]
    [InlineData(TicketStatus.Resolved, TicketStatus.Closed)]
    [InlineData(TicketStatus.Resolved, TicketStatus.Open)]
    [InlineData(TicketStatus.Closed, TicketStatus.Closed)]
    public void Allowed_changes(TicketStatus from, TicketStatus to) => Assert.True(TicketTransitions.IsAllowed(from, to));

    [Theory]
    [InlineData(TicketStatus.Open, TicketStatus.Closed)]
    [InlineData(TicketStatus.Pending, TicketStatus.Closed)]
    [InlineData(TicketStatus.Resolved, TicketStatus.Pending)]
    [InlineData(TicketStatus.Closed, TicketStatus.Open)]
    [InlineData(TicketStatus.Closed, TicketStatus.Resolved)]
    public void Refused_changes(TicketStatus from, TicketStatus to) => Assert.False(TicketTransitions.IsAllowed(from, to));

    [Fact]
    public void Only_open_and_pending_tickets_are_active()
    {
        Assert.Equal([TicketStatus.Open, TicketStatus.Pending], Enum.GetValues<TicketStatus>().Where(TicketTransitions.IsActive));
    }
}
