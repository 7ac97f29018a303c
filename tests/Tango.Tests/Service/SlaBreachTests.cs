using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Service;

public sealed class SlaBreachTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_first_response_is_not_breached_one_tick_before_its_deadline_and_is_breached_exactly_at_it(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");
        var id = Value<string>((await server.OpenTicketAsync("ann", "urgent"))["ticketId"]); // first response due 10:30

        server.Clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromTicks(1));
        var before = await server.RunSlaWatchAsync();
        var justBefore = await server.TicketAsync(id);
        server.Clock.Advance(TimeSpan.FromTicks(1));
        var at = await server.RunSlaWatchAsync();
        var atDeadline = await server.TicketAsync(id);

        Assert.Equal(0, before);
        Assert.Null(justBefore["firstResponseBreachedAt"]);
        Assert.False(Value<bool>(justBefore["breached"]));
        Assert.Equal(1, at);
        Assert.Equal("2026-11-23T10:30:00Z", Value<string>(atDeadline["firstResponseBreachedAt"]));
        Assert.True(Value<bool>(atDeadline["breached"]));
        Assert.Null(atDeadline["resolutionBreachedAt"]);
        Assert.Equal("2026-11-23T14:00:00Z", Value<string>(atDeadline["nextDueAt"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_breach_is_marked_once_and_opens_one_recovery_case_however_often_the_job_runs(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("bo");
        var id = Value<string>((await server.OpenTicketAsync("bo", "urgent"))["ticketId"]);

        server.Clock.Advance(TimeSpan.FromMinutes(45));
        var first = await server.RunSlaWatchAsync();
        var second = await server.RunSlaWatchAsync();
        server.Clock.Advance(TimeSpan.FromHours(4));
        var resolutionRun = await server.RunSlaWatchAsync();
        var afterBoth = await server.RunSlaWatchAsync();
        var ticket = await server.TicketAsync(id);
        var cases = await server.RecoveryCasesAsync();
        var breached = await ExpectAsync(await server.Admin.GetAsync("/v1/tickets?breached=true"), 200);

        Assert.Equal([1, 0, 1, 0], new[] { first, second, resolutionRun, afterBoth });
        Assert.Equal("2026-11-23T14:00:00Z", Value<string>(ticket["resolutionBreachedAt"]));
        Assert.Null(ticket["nextDueAt"]);
        var only = Assert.Single(cases);
        Assert.Equal("sla-breach", Value<string>(only!["cause"]));
        Assert.Equal(id, Value<string>(only["ticketId"]));
        Assert.Equal($"ticket {id} first response breached", Value<string>(only["reason"]));
        Assert.Equal("pending", Value<string>(only["apology"]!["status"]));
        Assert.Null(only["compensation"]);
        Assert.Single(breached["items"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_first_response_recorded_after_the_deadline_is_marked_breached_by_the_write_itself(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("cy");
        var id = Value<string>((await server.OpenTicketAsync("cy", "urgent"))["ticketId"]);

        server.Clock.Advance(TimeSpan.FromMinutes(30));
        var late = await ExpectAsync(await server.PatchTicketAsync(id, """{"responded":true}"""), 200);
        var jobFinds = await server.RunSlaWatchAsync();

        Assert.Equal("2026-11-23T10:30:00Z", Value<string>(late["firstResponseAt"]));
        Assert.Equal("2026-11-23T10:30:00Z", Value<string>(late["firstResponseBreachedAt"]));
        Assert.Equal(0, jobFinds);
        Assert.Single(await server.RecoveryCasesAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_ticket_answered_in_time_is_never_breached(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("di");
        var id = Value<string>((await server.OpenTicketAsync("di", "urgent"))["ticketId"]);

        server.Clock.Advance(TimeSpan.FromMinutes(29));
        await ExpectAsync(await server.PatchTicketAsync(id, """{"status":"resolved"}"""), 200);
        server.Clock.Advance(TimeSpan.FromDays(2));
        var marked = await server.RunSlaWatchAsync();

        Assert.Equal(0, marked);
        Assert.False(Value<bool>((await server.TicketAsync(id))["breached"]));
        Assert.Empty(await server.RecoveryCasesAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Compensation_is_capped_per_member_per_month_across_two_breaches_and_the_cap_resets_next_month(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PutServiceProgramAsync("""{"recovery":{"compensationPoints":200,"maxPointsPerMemberPerMonth":300}}""");
        await server.EnrolAsync("eve");
        var first = Value<string>((await server.OpenTicketAsync("eve"))["ticketId"]);
        var second = Value<string>((await server.OpenTicketAsync("eve"))["ticketId"]);
        var third = Value<string>((await server.OpenTicketAsync("eve"))["ticketId"]);

        server.Clock.Advance(TimeSpan.FromMinutes(30));
        await server.PatchTicketAsync(second, """{"responded":true}""");  // late: the write opens its case (200 points)
        await server.RunSlaWatchAsync();                                   // first and third: 100 left, then 0
        var november = await server.BalanceAsync("eve");
        server.Clock.Advance(TimeSpan.FromDays(8));                        // 2026-12-01T10:30
        var fourth = Value<string>((await server.OpenTicketAsync("eve"))["ticketId"]);
        server.Clock.Advance(TimeSpan.FromMinutes(30));
        await server.RunSlaWatchAsync();
        var december = await server.BalanceAsync("eve");
        var cases = (await server.RecoveryCasesAsync()).ToDictionary(c => Value<string>(c!["ticketId"]), c => c!["compensation"]!);
        var ledger = await server.LedgerAsync("eve");

        Assert.Equal(300, Value<long>(november["points"]));
        Assert.Equal(500, Value<long>(december["points"]));
        Assert.Equal(200, Value<long>(cases[second]["granted"]));
        Assert.Equal([100L, 0L], new[] { first, third }.Select(t => Value<long>(cases[t]["granted"])).Order().Reverse());
        var capped = new[] { first, third }.Select(t => cases[t]).ToList();
        Assert.Contains(capped, c => Value<string>(c["note"]).StartsWith("reduced from 200 to 100", StringComparison.Ordinal));
        Assert.Contains(capped, c => Value<string>(c["note"]).StartsWith("skipped", StringComparison.Ordinal));
        Assert.Equal(200, Value<long>(cases[fourth]["granted"]));
        var compensation = ledger.Where(l => Value<string>(l!["kind"]) == "compensation").ToList();
        Assert.Equal(3, compensation.Count);
        Assert.Contains(compensation, l => Value<string>(l!["reason"]) == $"service recovery: ticket {second} first response breached");
        Assert.Empty(await server.VerifyAsync());
    }
}
