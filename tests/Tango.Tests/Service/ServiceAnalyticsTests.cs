using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Service;

public sealed class ServiceAnalyticsTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Nps_of_ten_known_answers_is_exact_and_csat_gives_its_mean_and_share_satisfied(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        // Promoters 10, 10, 9, 9, 9 (50 %); passives 8, 7; detractors 6, 3, 0 (30 %): NPS 20.
        int[] nps = [10, 10, 9, 9, 9, 8, 7, 6, 3, 0];
        for (var i = 0; i < nps.Length; i++)
        {
            await server.EnrolAsync($"m{i}");
            await ExpectAsync(await server.RespondAsync($$"""{"memberId":"m{{i}}","kind":"nps","score":{{nps[i]}}}"""), 201);
        }
        foreach (var score in new[] { 5, 4, 3, 1 })
        {
            await ExpectAsync(await server.RespondAsync($$"""{"memberId":"m0","kind":"csat","score":{{score}}}"""), 201);
        }

        var report = await ExpectAsync(await server.Admin.GetAsync("/v1/analytics/service?period=month"), 200);

        var overall = report["overall"]!;
        Assert.Equal(20.0, Value<double>(overall["nps"]!["score"]));
        Assert.Equal(10, Value<int>(overall["nps"]!["answers"]));
        Assert.Equal(5, Value<int>(overall["nps"]!["promoters"]));
        Assert.Equal(3, Value<int>(overall["nps"]!["detractors"]));
        Assert.Equal(3.25, Value<double>(overall["csat"]!["average"]));
        Assert.Equal(50.0, Value<double>(overall["csat"]!["satisfiedPercent"]));
        var month = Assert.Single(report["byPeriod"]!.AsArray());
        Assert.Equal("2026-11-01", Value<string>(month!["period"]));
        Assert.Equal("unknown", Value<string>(Assert.Single(report["byChannel"]!.AsArray())!["channel"]));
        Assert.Equal("none", Value<string>(Assert.Single(report["byTier"]!.AsArray())!["tier"]));
        Assert.Equal(4, (await server.RecoveryCasesAsync()).Count); // NPS 6, 3, 0 and CSAT 1
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Answers_split_by_week_and_channel_and_a_date_range_keeps_only_its_days(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");
        var ticket = Value<string>((await server.OpenTicketAsync("ann", "normal", "phone"))["ticketId"]);
        await ExpectAsync(await server.RespondAsync("""{"memberId":"ann","kind":"nps","score":10}"""), 201);
        server.Clock.Advance(TimeSpan.FromDays(7));
        await ExpectAsync(await server.RespondAsync($$"""{"memberId":"ann","kind":"nps","score":2,"ticketId":"{{ticket}}"}"""), 201);

        var weekly = await ExpectAsync(await server.Admin.GetAsync("/v1/analytics/service?period=week"), 200);
        var lastWeek = await ExpectAsync(await server.Admin.GetAsync("/v1/analytics/service?from=2026-11-30"), 200);
        var bad = await server.Admin.GetAsync("/v1/analytics/service?period=year&from=yesterday");

        Assert.Equal(["2026-11-23", "2026-11-30"], Keys(weekly["byPeriod"], "period"));
        Assert.Equal(["phone", "unknown"], Keys(weekly["byChannel"], "channel"));
        Assert.Equal(-100.0, Value<double>(lastWeek["overall"]!["nps"]!["score"]));
        var problem = await ExpectProblemAsync(bad, 422, "period");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("from"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_overview_nps_counts_each_members_latest_answer_and_a_long_term_promoter_is_a_fan(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        // Both buy regularly: three purchase days since September, the last within the active window.
        foreach (var member in new[] { "fan", "critic" })
        {
            foreach (var (order, day) in new[] { ("1", "2026-09-01"), ("2", "2026-10-01"), ("3", "2026-11-20") })
            {
                await ExpectAsync(await server.PostEventAsync($$$"""
                    {"type":"purchase","memberId":"{{{member}}}","occurredAt":"{{{day}}}T10:00:00Z","data":{"orderId":"{{{member}}}-{{{order}}}","total":30}}
                    """), 200);
            }
        }
        await ExpectAsync(await server.RespondAsync("""{"memberId":"fan","kind":"nps","score":3}"""), 201);
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await ExpectAsync(await server.RespondAsync("""{"memberId":"fan","kind":"nps","score":10}"""), 201);
        await ExpectAsync(await server.RespondAsync("""{"memberId":"critic","kind":"nps","score":5}"""), 201);

        await ExpectAsync(await server.Admin.PostAsync("/v1/analytics:refresh", null), 200);
        var overview = await ExpectAsync(await server.Admin.GetAsync("/v1/analytics/overview"), 200);
        var fan = await ExpectAsync(await server.Admin.GetAsync("/v1/members/fan/insights"), 200);
        var critic = await ExpectAsync(await server.Admin.GetAsync("/v1/members/critic/insights"), 200);

        Assert.Equal(0.0, Value<double>(overview["nps"])); // latest answers 10 and 5: one promoter, one detractor
        Assert.Equal(2, Value<int>(overview["npsAnswers"]));
        Assert.Equal("fan", Value<string>(fan["loyaltyStage"]));
        Assert.Equal("long-term", Value<string>(critic["loyaltyStage"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_long_term_member_who_brought_a_buying_friend_or_joined_an_insider_test_is_a_fan(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await ExpectAsync(await server.PutProgramAsync(Referrals.ReferralFixtures.ReferralProgram), 200);
        foreach (var member in new[] { "amy", "ivy", "ben" })
        {
            await server.EnrolAsync(member);
            foreach (var (order, day) in new[] { ("1", "2026-09-01"), ("2", "2026-10-01"), ("3", "2026-11-20") })
            {
                await ExpectAsync(await server.PostEventAsync($$$"""
                    {"type":"purchase","memberId":"{{{member}}}","occurredAt":"{{{day}}}T10:00:00Z","data":{"orderId":"{{{member}}}-{{{order}}}","total":30}}
                    """), 200);
            }
        }
        var code = Value<string>((await ExpectAsync(await server.Admin.GetAsync("/v1/members/amy/referral"), 200))["code"]);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members",
            Json($$"""{"id":"fred","email":"fred@example.com","referredByCode":"{{code}}"}""")), 201);
        await server.PurchaseAsync("fred", "fred-1", 40m); // qualifies amy's referral
        await ExpectAsync(await server.Admin.PutAsync("/v1/insiders/beta", Json("""{"name":"Beta"}""")), 201);
        await ExpectAsync(await server.Admin.PostAsync("/v1/insiders/beta/invitations", Json("""{"memberIds":["ivy","ben"]}""")), 200);
        await ExpectAsync(await server.Admin.PostAsync("/v1/insiders/beta/invitations/ivy/accept", null), 200);
        await ExpectAsync(await server.Admin.PostAsync("/v1/insiders/beta/invitations/ben/decline", null), 200);

        await ExpectAsync(await server.Admin.PostAsync("/v1/analytics:refresh", null), 200);

        async Task<string> StageAsync(string member) =>
            Value<string>((await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{member}/insights"), 200))["loyaltyStage"]);
        Assert.Equal("fan", await StageAsync("amy"));
        Assert.Equal("fan", await StageAsync("ivy"));
        Assert.Equal("long-term", await StageAsync("ben"));
    }

    private static IEnumerable<string> Keys(JsonNode? groups, string key) => groups!.AsArray().Select(g => Value<string>(g![key]));
}
