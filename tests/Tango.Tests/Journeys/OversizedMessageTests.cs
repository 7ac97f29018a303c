using System.Net;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;
using WebClient = Tango.Tests.Web.WebClient;

namespace Tango.Tests.Journeys;

/// <summary>
/// Messages are capped at 64 KiB: a template that runs away for a sample member is refused when saved, one that runs
/// away only on a real member's data is skipped with its reason at send, and a message stored before the cap is
/// shown cut short instead of breaking the pages that show it.
/// </summary>
public sealed class OversizedMessageTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_journey_or_incident_whose_template_runs_away_for_a_sample_member_is_refused_naming_the_field_and_nothing_is_kept(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.JoinAsync("ann");
        var doubling = System.Text.Json.JsonSerializer.Serialize(TemplateLimitTests.Doubling);

        var journey = await server.Admin.PutAsync("/v1/journeys/doubling", Json($$"""
            {"name":"Doubling","enabled":true,"trigger":{"type":"event","event":"custom.signed-up"},
             "steps":[{"id":"big","type":"send","channel":"inbox","subject":"Hi","template":{{doubling}}}]}
            """));
        var incident = await server.Admin.PostAsync("/v1/incidents", Json($$"""
            {"title":{{doubling}},"message":{{doubling}},"affected":{"memberIds":["ann"]},"channels":["inbox"]}
            """));

        var problem = await ExpectProblemAsync(journey, 422, "steps[0].template");
        Assert.Contains("64 KiB", problem["errors"]!["steps[0].template"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await ExpectProblemAsync(incident, 422, "message");
        await ExpectProblemAsync(await server.Admin.PostAsync("/v1/incidents", Json($$"""
            {"title":{{doubling}},"message":"Sorry","affected":{"memberIds":["ann"]},"channels":["inbox"]}
            """)), 422, "title");
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/journeys/doubling"), 404);
        Assert.Empty(await server.InboxAsync("ann"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_message_too_large_for_a_real_members_data_is_skipped_with_its_reason_and_the_journey_goes_on(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.JoinAsync("ann");
        // For a sample member the event's data is empty, so this passes the check; 40,000 characters twice do not fit.
        await server.PutJourneyAsync("notes", """
            {"name":"Notes","enabled":true,"holdoutPercent":0,"trigger":{"type":"event","event":"custom.note"},
             "steps":[{"id":"echo","type":"send","channel":"inbox","subject":"Your note","template":"{{ event.data.note }}{{ event.data.note }}"},
                      {"id":"thanks","type":"send","channel":"inbox","subject":"Thanks","template":"Thanks, {{ member.firstName }}."}]}
            """);
        await server.EventAsync("custom.note", "ann", $$"""{"note":"{{new string('n', 40_000)}}"}""");

        await server.RunJourneysAsync();
        await server.RunJourneysAsync();

        var inbox = await server.InboxAsync("ann");
        Assert.Equal("Thanks, Ann.", Value<string>(Assert.Single(inbox)!["body"]));
        var export = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann/export"), 200);
        var echo = Assert.Single(export["messages"]!.AsArray(), m => Value<string?>(m!["stepId"]) == "echo")!;
        Assert.Equal("skipped", Value<string>(echo["status"]));
        Assert.Equal("message-too-large", Value<string>(echo["reason"]));
        Assert.Equal("", Value<string>(echo["body"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_message_stored_larger_than_the_cap_is_shown_cut_to_64_KiB_in_the_inbox_the_export_and_the_portal(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.JoinAsync("ann");
        await ExpectAsync(await server.Admin.PostAsync("/v1/incidents", Json("""
            {"title":"Sorry","message":"A short apology.","affected":{"memberIds":["ann"]},"channels":["inbox"]}
            """)), 201);
        // As a template with no limits once stored it, before messages were capped.
        await using (var db = Tango.Store.Infrastructure.Database.Open(server.DatabaseLocation))
        await using (var connection = await db.OpenConnectionAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE messages SET body = @body WHERE tenant_id = 'default' AND member_id = 'ann'";
            var body = command.CreateParameter();
            body.ParameterName = "@body";
            body.Value = new string('x', 200_000);
            command.Parameters.Add(body);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var item = Assert.Single(await server.InboxAsync("ann"))!;
        var exported = Assert.Single((await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann/export"), 200))["messages"]!.AsArray())!;
        var link = await ExpectAsync(await server.Admin.PostAsync("/v1/members/ann/portal-link", null), 200);
        using var web = new WebClient(server);
        Assert.Equal(HttpStatusCode.Redirect, (await web.GetAsync(new Uri(Value<string>(link["url"])).PathAndQuery)).StatusCode);
        var portal = await web.GetAsync("/portal");

        Assert.Equal(64 * 1024, Value<string>(item["body"]).Length);
        Assert.True(Value<bool>(item["truncated"]));
        Assert.Equal(64 * 1024, Value<string>(exported["body"]).Length);
        Assert.True(Value<bool>(exported["truncated"]));
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        Assert.Contains("data-testid=\"inbox-truncated\"", await portal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
