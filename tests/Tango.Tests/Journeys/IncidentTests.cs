using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Journeys;

public sealed class IncidentTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_incident_notifies_exactly_the_members_who_bought_the_affected_sku_since_the_given_time(StoreUnderTest store)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = await StartAsync(store, null, "--smtp", smtp.Url);
        foreach (var id in new[] { "ann", "bo", "cy", "dee" })
        {
            await server.JoinAsync(id, consent: false);
        }
        await server.BuyAsync("ann", "o-ann", "kettle-2", at: Start.AddDays(-3));
        await server.BuyAsync("bo", "o-bo", "kettle-2", at: Start.AddDays(-10));
        await server.BuyAsync("cy", "o-cy", "mug", at: Start.AddDays(-1));
        await server.EventAsync("purchase", "dee", """
            {"orderId":"o-dee","total":60,"lines":[{"sku":"mug","quantity":1,"unitPrice":10},{"sku":"kettle-2","quantity":1,"unitPrice":50}]}
            """, Start.AddHours(-5));

        var created = await ExpectAsync(await server.Admin.PostAsync("/v1/incidents", Json("""
            {"title":"About your kettle, {{ member.firstName }}","message":"Batch 2 may leak. We send a new one today ({{ incident.id }}).",
             "affected":{"skus":["kettle-2"],"since":"2026-11-18T10:00:00Z"},"apologyPoints":50}
            """)), 201);
        await server.RunJourneysAsync();
        var incidentId = Value<string>(created["incidentId"]);
        var report = await ExpectAsync(await server.Admin.GetAsync($"/v1/incidents/{incidentId}"), 200);

        Assert.Equal(2, Value<int>(created["notified"]));
        Assert.Equal(["ann", "dee"], report["recipients"]!.AsArray().Select(r => Value<string>(r!["memberId"])));
        Assert.All(report["recipients"]!.AsArray(), r =>
        {
            Assert.Equal("2026-11-23T10:00:00Z", Value<string>(r!["notifiedAt"]));
            Assert.Equal(["email", "inbox"], r!["messages"]!.AsArray().Select(m => Value<string>(m!["channel"])).Order());
            Assert.All(r["messages"]!.AsArray(), m => Assert.Equal("sent", Value<string>(m!["status"])));
        });
        // Incidents are transactional: they reach members who declined marketing email.
        Assert.Equal(["ann@example.com", "dee@example.com"], smtp.Messages().Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Contains(smtp.Messages(), m => m.Subject == "About your kettle, Ann" && m.TextBody?.Contains(incidentId, StringComparison.Ordinal) == true);
        Assert.Null(smtp.Messages()[0].Headers["List-Unsubscribe"]);
        Assert.Equal("About your kettle, Dee", Value<string>(Assert.Single(await server.InboxAsync("dee"))!["subject"]));
        Assert.Empty(await server.InboxAsync("bo"));
        Assert.Empty(await server.InboxAsync("cy"));
        Assert.Equal(20 + 50, Value<long>((await server.BalanceAsync("ann"))["points"]));
        Assert.Equal(20, Value<long>((await server.BalanceAsync("bo"))["points"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_incident_with_a_broken_template_or_no_affected_members_named_is_refused_and_nobody_is_told(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.JoinAsync("ann");

        var response = await server.Admin.PostAsync("/v1/incidents", Json("""
            {"title":"Sorry {{ member.nickname }}","message":"{% if %}","affected":{},"channels":["sms"]}
            """));

        var problem = await ExpectProblemAsync(response, 422, "title");
        foreach (var field in new[] { "message", "affected", "channels" })
        {
            Assert.True(problem["errors"]!.AsObject().ContainsKey(field), field);
        }
        Assert.Empty(await server.InboxAsync("ann"));
    }
}
