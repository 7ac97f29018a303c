using Tango.Store.Tenants;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Service;

public sealed class TicketTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_new_ticket_is_open_with_due_times_from_the_default_sla_of_its_priority(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");

        var urgent = await server.OpenTicketAsync("ann", "urgent", extra: ""","orderId":"1001" """);
        var normal = await server.OpenTicketAsync("ann", "normal", "phone");
        var fetched = await server.TicketAsync(Value<string>(urgent["ticketId"]));

        Assert.StartsWith("tkt_", Value<string>(urgent["ticketId"]), StringComparison.Ordinal);
        Assert.Equal("open", Value<string>(urgent["status"]));
        Assert.Equal("1001", Value<string>(urgent["orderId"]));
        Assert.Equal("2026-11-23T10:30:00Z", Value<string>(urgent["firstResponseDueAt"]));
        Assert.Equal("2026-11-23T14:00:00Z", Value<string>(urgent["resolutionDueAt"]));
        Assert.Equal("2026-11-23T18:00:00Z", Value<string>(normal["firstResponseDueAt"]));
        Assert.Equal("2026-11-25T10:00:00Z", Value<string>(normal["resolutionDueAt"]));
        Assert.Equal("phone", Value<string>(normal["channel"]));
        Assert.Equal(urgent.ToJsonString(), fetched.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_program_document_overrides_sla_targets_per_priority(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PutServiceProgramAsync("""{"sla":{"high":{"firstResponse":"PT15M","resolution":"PT3H"}}}""");
        await server.EnrolAsync("bo");

        var ticket = await server.OpenTicketAsync("bo", "high");

        Assert.Equal("2026-11-23T10:15:00Z", Value<string>(ticket["firstResponseDueAt"]));
        Assert.Equal("2026-11-23T13:00:00Z", Value<string>(ticket["resolutionDueAt"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Status_moves_open_pending_resolved_closed_and_records_the_first_response_and_resolution(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("cy");
        var id = Value<string>((await server.OpenTicketAsync("cy", "normal"))["ticketId"]);

        server.Clock.Advance(TimeSpan.FromMinutes(10));
        var pending = await ExpectAsync(await server.PatchTicketAsync(id, """{"status":"pending"}"""), 200);
        server.Clock.Advance(TimeSpan.FromMinutes(10));
        var resolved = await ExpectAsync(await server.PatchTicketAsync(id, """{"status":"resolved"}"""), 200);
        server.Clock.Advance(TimeSpan.FromMinutes(10));
        var closed = await ExpectAsync(await server.PatchTicketAsync(id, """{"status":"closed"}"""), 200);

        Assert.Equal("pending", Value<string>(pending["status"]));
        Assert.Equal("2026-11-23T10:10:00Z", Value<string>(pending["firstResponseAt"]));
        Assert.Equal("2026-11-23T10:20:00Z", Value<string>(resolved["resolvedAt"]));
        Assert.Equal("2026-11-23T10:10:00Z", Value<string>(resolved["firstResponseAt"]));
        Assert.Null(resolved["nextDueAt"]);
        Assert.Equal("closed", Value<string>(closed["status"]));
        Assert.Equal("2026-11-23T10:30:00Z", Value<string>(closed["closedAt"]));
        Assert.False(Value<bool>(closed["breached"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_transition_the_table_does_not_allow_is_a_422_naming_status_and_changes_nothing(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("di");
        var id = Value<string>((await server.OpenTicketAsync("di"))["ticketId"]);

        var openToClosed = await server.PatchTicketAsync(id, """{"status":"closed"}""");
        var unknownStatus = await server.PatchTicketAsync(id, """{"status":"archived","colour":"red"}""");
        await ExpectAsync(await server.PatchTicketAsync(id, """{"status":"resolved"}"""), 200);
        await ExpectAsync(await server.PatchTicketAsync(id, """{"status":"closed"}"""), 200);
        var reopenClosed = await server.PatchTicketAsync(id, """{"status":"open"}""");

        var problem = await ExpectProblemAsync(openToClosed, 422, "status");
        Assert.Contains("pending or resolved", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var both = await ExpectProblemAsync(unknownStatus, 422, "status");
        Assert.True(both["errors"]!.AsObject().ContainsKey("colour"));
        await ExpectProblemAsync(reopenClosed, 422, "status");
        Assert.Equal("closed", Value<string>((await server.TicketAsync(id))["status"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Responded_true_records_the_first_response_once_and_a_priority_change_recomputes_the_due_times_from_opening(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ed");
        var id = Value<string>((await server.OpenTicketAsync("ed", "low"))["ticketId"]);

        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var responded = await ExpectAsync(await server.PatchTicketAsync(id, """{"responded":true}"""), 200);
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await ExpectAsync(await server.PatchTicketAsync(id, """{"responded":true,"priority":"urgent","subject":"Broken grinder"}"""), 200);
        var takeBack = await server.PatchTicketAsync(id, """{"responded":false}""");

        Assert.Equal("2026-11-23T10:05:00Z", Value<string>(responded["firstResponseAt"]));
        Assert.Equal("2026-11-23T10:05:00Z", Value<string>(again["firstResponseAt"]));
        Assert.Equal("urgent", Value<string>(again["priority"]));
        Assert.Equal("Broken grinder", Value<string>(again["subject"]));
        Assert.Equal("2026-11-23T10:30:00Z", Value<string>(again["firstResponseDueAt"]));
        Assert.Equal("2026-11-23T14:00:00Z", Value<string>(again["resolutionDueAt"]));
        Assert.Equal("2026-11-23T14:00:00Z", Value<string>(again["nextDueAt"]));
        await ExpectProblemAsync(takeBack, 422, "responded");
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Bad_ticket_input_is_a_422_naming_each_field_and_an_unknown_member_is_a_404_and_nothing_is_opened(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("fy");

        var bad = await server.Admin.PostAsync("/v1/tickets",
            Json("""{"memberId":"fy","subject":" ","channel":"pigeon","priority":"asap","orderId":"line\nbreak"}"""));
        var unknownMember = await server.Admin.PostAsync("/v1/tickets", Json("""{"memberId":"ghost","subject":"Hi","channel":"web"}"""));
        var nul = await server.Admin.PostAsync("/v1/tickets", Json("""{"memberId":"fy","subject":"a\u0000b","channel":"web"}"""));

        var list = await ExpectAsync(await server.Admin.GetAsync("/v1/tickets"), 200);
        var problem = await ExpectProblemAsync(bad, 422, "subject");
        foreach (var field in new[] { "channel", "priority", "orderId" })
        {
            Assert.True(problem["errors"]!.AsObject().ContainsKey(field), field);
        }
        await ExpectProblemAsync(unknownMember, 404, "memberId");
        await ExpectProblemAsync(nul, 422, "subject");
        Assert.Empty(list["items"]!.AsArray());
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/tickets?dueWithin=2h&breached=maybe"), 422, "dueWithin");
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Staff_see_the_tickets_about_to_breach_nearest_due_first(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("gus");
        var low = Value<string>((await server.OpenTicketAsync("gus", "low"))["ticketId"]);          // first response due in 24 h
        var high = Value<string>((await server.OpenTicketAsync("gus", "high"))["ticketId"]);        // due in 2 h
        var urgent = Value<string>((await server.OpenTicketAsync("gus", "urgent"))["ticketId"]);    // due in 30 min
        var done = Value<string>((await server.OpenTicketAsync("gus", "urgent"))["ticketId"]);
        await ExpectAsync(await server.PatchTicketAsync(done, """{"status":"resolved"}"""), 200);

        var soon = await ExpectAsync(await server.Admin.GetAsync("/v1/tickets?dueWithin=PT2H"), 200);
        var all = await ExpectAsync(await server.Admin.GetAsync("/v1/tickets?limit=2"), 200);
        var rest = await ExpectAsync(await server.Admin.GetAsync($"/v1/tickets?limit=2&cursor={Value<string>(all["nextCursor"])}"), 200);
        var resolved = await ExpectAsync(await server.Admin.GetAsync("/v1/tickets?status=resolved&memberId=gus"), 200);

        Assert.Equal([urgent, high], soon["items"]!.AsArray().Select(t => Value<string>(t!["ticketId"])));
        Assert.Equal([urgent, high, low, done],
            all["items"]!.AsArray().Concat(rest["items"]!.AsArray()).Select(t => Value<string>(t!["ticketId"])));
        Assert.Null(rest["nextCursor"]);
        Assert.Equal([done], resolved["items"]!.AsArray().Select(t => Value<string>(t!["ticketId"])));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Another_tenants_key_gets_404_for_a_ticket_and_cannot_change_it(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("hal");
        var id = Value<string>((await server.OpenTicketAsync("hal"))["ticketId"]);
        using var tenantB = server.Client(await server.CreateKeyAsync("tenant-b", Role.Admin));

        await ExpectProblemAsync(await tenantB.GetAsync($"/v1/tickets/{id}"), 404);
        await ExpectProblemAsync(await tenantB.PatchAsync($"/v1/tickets/{id}", Json("""{"status":"resolved"}""")), 404);
        await ExpectProblemAsync(await tenantB.PostAsync("/v1/tickets", Json("""{"memberId":"hal","subject":"x","channel":"web"}""")), 404);
        Assert.Empty((await ExpectAsync(await tenantB.GetAsync("/v1/tickets"), 200))["items"]!.AsArray());
        Assert.Equal("open", Value<string>((await server.TicketAsync(id))["status"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_profile_lists_the_members_open_and_pending_tickets_only(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ida");
        var open = Value<string>((await server.OpenTicketAsync("ida", "urgent"))["ticketId"]);
        var pending = Value<string>((await server.OpenTicketAsync("ida", "low"))["ticketId"]);
        var resolved = Value<string>((await server.OpenTicketAsync("ida", "high"))["ticketId"]);
        await ExpectAsync(await server.PatchTicketAsync(pending, """{"status":"pending"}"""), 200);
        await ExpectAsync(await server.PatchTicketAsync(resolved, """{"status":"resolved"}"""), 200);

        var profile = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ida/profile"), 200);

        Assert.Equal([open, pending], profile["openTickets"]!.AsArray().Select(t => Value<string>(t!["ticketId"])));
        Assert.Null(profile["latestNps"]);
        Assert.Null(profile["latestCsat"]);
    }
}
