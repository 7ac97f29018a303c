using Tango.Domain.Journeys;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Journeys;

public sealed class JourneyReportTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_report_counts_entries_holdouts_sends_and_conversions_in_the_window_and_gives_the_uplift_with_its_interval(
        StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PutJourneyAsync("welcome", """
            {"name":"Welcome","enabled":true,"trigger":{"type":"event","event":"custom.signed-up"},"holdoutPercent":50,"conversionWindowDays":7,
             "steps":[{"id":"hello","type":"send","channel":"inbox","template":"Welcome, {{ member.firstName }}"}]}
            """);
        var members = Enumerable.Range(0, 30).Select(n => $"w-{n}").ToList();
        foreach (var id in members)
        {
            await server.JoinAsync(id);
            await server.EventAsync("custom.signed-up", id, "{}");
        }
        await server.RunJourneysAsync();
        // Every third member buys within the window, every fifth only after it: that one is not a conversion.
        server.Clock.Advance(TimeSpan.FromDays(3));
        foreach (var (id, n) in members.Select((id, n) => (id, n)).Where(m => m.n % 3 == 0))
        {
            await server.BuyAsync(id, $"in-{n}");
        }
        server.Clock.Advance(TimeSpan.FromDays(5));
        foreach (var (id, n) in members.Select((id, n) => (id, n)).Where(m => m.n % 5 == 0))
        {
            await server.BuyAsync(id, $"late-{n}");
        }

        var report = await server.ReportAsync("welcome");

        var heldOut = members.Where(id => Holdout.IsHeldOut("welcome", id, 50)).ToHashSet();
        var converted = members.Where((_, n) => n % 3 == 0).ToHashSet();
        var treated = members.Count - heldOut.Count;
        var expected = Uplift.Of(new Proportion(converted.Count(c => !heldOut.Contains(c)), treated),
            new Proportion(converted.Count(heldOut.Contains), heldOut.Count));
        Assert.InRange(heldOut.Count, 5, 25);
        Assert.Equal(30, Value<long>(report["entered"]));
        Assert.Equal(heldOut.Count, Value<long>(report["heldOut"]));
        Assert.Equal(treated, Value<long>(report["sent"]));
        Assert.Equal(converted.Count, Value<long>(report["converted"]));
        Assert.Equal(expected.ConversionTreated!.Value, Value<double>(report["conversionTreated"]), 12);
        Assert.Equal(expected.ConversionHoldout!.Value, Value<double>(report["conversionHoldout"]), 12);
        Assert.Equal(expected.Uplift!.Value, Value<double>(report["uplift"]), 12);
        Assert.Equal([expected.Lower!.Value, expected.Upper!.Value], report["upliftCi95"]!.AsArray().Select(v => Value<double>(v)));
        foreach (var id in heldOut)
        {
            Assert.Equal("held-out", Value<string>(Assert.Single(await server.JourneysOfAsync(id))!["status"]));
            Assert.Empty(await server.InboxAsync(id));
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_global_control_group_holds_the_same_members_out_of_every_journey(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var refused = await server.Admin.PutAsync("/v1/journey-settings", Json("""{"globalControlPercent":80}"""));
        await ExpectAsync(await server.Admin.PutAsync("/v1/journey-settings", Json("""{"globalControlPercent":30}""")), 200);
        foreach (var key in new[] { "welcome", "tips" })
        {
            await server.PutJourneyAsync(key, """
                {"name":"Hello","enabled":true,"trigger":{"type":"event","event":"custom.signed-up"},
                 "steps":[{"id":"hello","type":"send","channel":"inbox","template":"Hello"}]}
                """);
        }
        var members = Enumerable.Range(0, 20).Select(n => $"g-{n}").ToList();
        foreach (var id in members)
        {
            await server.JoinAsync(id);
            await server.EventAsync("custom.signed-up", id, "{}");
        }

        await server.RunJourneysAsync();

        await ExpectProblemAsync(refused, 422, "globalControlPercent");
        var control = members.Where(id => Holdout.IsHeldOut("", id, 30)).ToHashSet();
        Assert.NotEmpty(control);
        foreach (var id in members)
        {
            var statuses = (await server.JourneysOfAsync(id)).Select(j => Value<string>(j!["status"])).ToList();
            Assert.Equal(control.Contains(id) ? ["held-out", "held-out"] : ["completed", "completed"], statuses);
            Assert.Equal(control.Contains(id) ? 0 : 2, (await server.InboxAsync(id)).Count);
        }
        Assert.Equal(control.Count, Value<long>((await server.ReportAsync("tips"))["heldOut"]));
    }
}
