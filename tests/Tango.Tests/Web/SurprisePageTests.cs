using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Tango.Store.Tenants;
using Tango.Tests.Harness;
using Tango.Tests.Rewards;
using Xunit.Abstractions;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Web;

/// <summary>The dashboard's surprise page shows what the API's surprise report says, in a browser, for a read user.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SurprisePageTests(BrowserFixture browser, ITestOutputHelper output)
{
    // Every draw wins the chance, one surprise per member per 30 days, 500 points a month.
    private const string Surprising = """
        {"currency":"EUR","earning":{"pointsPerUnit":1},
         "rewards":[{"id":"tour","name":"Roastery tour","kind":"experience","costPoints":300,"portable":false},
                    {"id":"tasting","name":"Tasting","kind":"access","costPoints":150,"portable":false}],
         "surprises":{"monthlyBudgetPoints":500,"chancePercent":100,"minDaysBetweenPerMember":30,
                      "rewards":[{"id":"plus-one","name":"+1 coffee","points":40},{"id":"tour","rewardId":"tour"},{"id":"tasting","rewardId":"tasting"}]}}
        """;

    private static readonly string[] s_members = [.. Enumerable.Range(0, 8).Select(i => $"m-{i}")];

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_read_user_sees_the_surprise_report_figures_of_the_api_for_this_month_and_for_a_chosen_period(StoreUnderTest kind)
    {
        await using var server = await StartAsync(kind);
        await ExpectAsync(await server.PutProgramAsync(Surprising), 200);
        foreach (var member in s_members)
        {
            await server.EnrolAsync(member);
        }
        // November: a campaign for everyone until the budget runs out, then purchases the day after.
        foreach (var member in s_members)
        {
            await DrawAsync(server, member, "campaign-nov");
        }
        server.Clock.Advance(TimeSpan.FromDays(1));
        await server.PurchaseAsync("m-0", "after-1", 30m);
        await server.PurchaseAsync("m-1", "after-2", 45.5m);
        await server.PurchaseAsync("m-1", "after-3", 12m);
        // December: a fresh budget; who had a surprise in November is held back (30 days between).
        server.Clock.Advance(TimeSpan.FromDays(8));
        foreach (var member in s_members)
        {
            await DrawAsync(server, member, "campaign-dec");
        }
        await WebSession.CreateUserAsync(server, "analyst@example.com", Role.Read);
        await using var web = new WebSession(browser, output, $"surprises-{kind}");
        var page = await web.NewPageAsync();
        await WebSession.LogInAsync(page, server, "analyst@example.com");

        // This month so far, reached from the navigation.
        await page.ClickAsync("nav >> text=Surprises");
        await page.WaitForSelectorAsync("[data-testid=surprise-kpis]");
        Assert.Equal("2026-12-01", await page.InputValueAsync("#from"));
        Assert.Equal("2026-12-02", await page.InputValueAsync("#to"));
        var thisMonth = await ExpectAsync(await server.Admin.GetAsync("/v1/surprises/report"), 200);
        Assert.True(Value<long>(thisMonth["granted"]) > 0, "December should have granted a surprise.");
        await AssertShowsAsync(page, thisMonth, months: ["2026-12"]);
        Assert.True(await page.IsVisibleAsync("[data-testid=after-open]"), "A surprise from today has not had its 30 days yet.");
        await web.ShotAsync(page, "surprises-this-month");

        // November and December: each month against its own budget.
        await page.FillAsync("#from", "2026-11-01");
        await page.ClickAsync("[data-testid=period-form] button[type=submit]");
        await page.WaitForURLAsync("**/admin/surprises?from=2026-11-01&to=2026-12-02");
        await page.WaitForSelectorAsync("[data-testid=surprise-kpis]");
        var both = await ExpectAsync(await server.Admin.GetAsync("/v1/surprises/report?from=2026-11-01&to=2026-12-02"), 200);
        Assert.Equal(2, both["months"]!.AsArray().Count);
        Assert.True(Value<long>(both["after"]!["purchases"]) == 3, "The three purchases the day after November's surprises.");
        await AssertShowsAsync(page, both, months: ["2026-11", "2026-12"]);
        Assert.Equal(Pct((double)Value<long>(both["costPoints"]) / (2 * 500)), Text(await page.TextContentAsync("[data-testid=budget-used]")));
        await web.ShotAsync(page, "surprises-two-months");

        // On a phone: nothing wider than the screen, and no table that needs scrolling sideways to read.
        var phone = await web.NewPageAsync(phone: true);
        await WebSession.LogInAsync(phone, server, "analyst@example.com");
        await phone.GotoAsync(new Uri(server.Address, "/admin/surprises?from=2026-11-01&to=2026-12-02").ToString());
        await phone.WaitForSelectorAsync("[data-testid=aftermath]");
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"The surprise page is {width}px wide on a 375px screen.");
        await web.ShotAsync(phone, "surprises-phone");
        var scrolling = await phone.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.table-wrap table')].filter(t => t.parentElement.scrollWidth > t.parentElement.clientWidth).map(t => `${t.dataset.testid} ${t.parentElement.scrollWidth}/${t.parentElement.clientWidth}`)");
        Assert.Empty(scrolling);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_page_says_when_there_is_nothing_to_report_and_explains_a_bad_date_as_the_api_refuses_it(StoreUnderTest kind)
    {
        await using var server = await StartAsync(kind);
        await ExpectAsync(await server.PutProgramAsync(DashboardAndPortalTests.Program), 200);
        await WebSession.CreateUserAsync(server, "analyst@example.com", Role.Read);
        await using var web = new WebSession(browser, output, $"surprises-empty-{kind}");
        var page = await web.NewPageAsync();
        await WebSession.LogInAsync(page, server, "analyst@example.com");
        var url = new Uri(server.Address, "/admin/surprises").ToString();

        // No surprises in the program.
        await page.GotoAsync(url);
        Assert.Contains("No surprises configured", await page.TextContentAsync("[data-testid=surprises-empty]"), StringComparison.Ordinal);
        await web.ShotAsync(page, "surprises-not-configured");

        // Surprises configured, nothing drawn yet.
        await ExpectAsync(await server.PutProgramAsync(Surprising), 200);
        await page.GotoAsync(url);
        Assert.Contains("Nothing drawn in this period", await page.TextContentAsync("[data-testid=surprises-empty]"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=surprise-kpis]").CountAsync());
        await web.ShotAsync(page, "surprises-nothing-drawn");

        // The widest period the calendar allows is a report like any other.
        var widest = await page.GotoAsync($"{url}?from=0001-01-01&to=9999-12-30");
        Assert.Equal(200, widest!.Status);
        Assert.Contains("Nothing drawn in this period", await page.TextContentAsync("[data-testid=surprises-empty]"), StringComparison.Ordinal);
        await ExpectAsync(await server.Admin.GetAsync("/v1/surprises/report?from=0001-01-01&to=9999-12-30"), 200);

        // A date that is not one, and an end before the start: a message, the API's status, no report.
        foreach (var (query, field, words) in new[] { ("from=2026-13-45", "from", "is not a date"), ("from=2026-11-20&to=2026-11-01", "to", "is before From"),
            ("to=9999-12-31", "to", "must be before 9999-12-31") })
        {
            var answer = await page.GotoAsync($"{url}?{query}");
            await ExpectProblemAsync(await server.Admin.GetAsync($"/v1/surprises/report?{query}"), 422, field);
            Assert.Equal(422, answer!.Status);
            Assert.Contains(words, await page.TextContentAsync("[data-testid=period-problem]"), StringComparison.Ordinal);
            Assert.True(await page.IsVisibleAsync($"[data-error-for={field}]"));
            Assert.Equal(0, await page.Locator("[data-testid=surprises-empty], [data-testid=surprise-kpis]").CountAsync());
        }
        await web.ShotAsync(page, "surprises-bad-date");
    }

    private static Task<JsonObject> DrawAsync(TangoServer server, string member, string occasion) =>
        server.PostAsync($"/v1/members/{member}/surprises:draw", $$"""{"occasion":"{{occasion}}"}""", 200);

    /// <summary>Every figure of the report, as the page shows it.</summary>
    private static async Task AssertShowsAsync(IPage page, JsonObject report, string[] months)
    {
        Assert.Equal(Int(report["draws"]), Text(await page.TextContentAsync("[data-testid=draws]")));
        Assert.Equal(Int(report["granted"]), Text(await page.TextContentAsync("[data-testid=granted]")));
        Assert.Equal(Int(report["costPoints"]), Text(await page.TextContentAsync("[data-testid=cost]")));
        Assert.Equal(Int(report["monthlyBudgetPoints"]), Text(await page.TextContentAsync("[data-testid=monthly-budget]")));

        var bySurprise = report["bySurprise"]!.AsArray();
        Assert.Equal(bySurprise.Count, await page.Locator("[data-testid=by-surprise] tbody tr").CountAsync());
        foreach (var tally in bySurprise)
        {
            var row = $"[data-testid=by-surprise] tr[data-surprise='{Value<string>(tally!["surpriseId"])}']";
            Assert.Equal(Int(tally["granted"]), Text(await page.TextContentAsync($"{row} [data-col=granted]")));
            Assert.Equal(Int(tally["costPoints"]), Text(await page.TextContentAsync($"{row} [data-col=cost]")));
        }

        Assert.Equal(months, await page.Locator("[data-testid=by-month] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.month)"));
        foreach (var month in months)
        {
            var reported = report["months"]!.AsArray().SingleOrDefault(m => Value<string>(m!["month"]) == month);
            var row = $"[data-testid=by-month] tr[data-month='{month}']";
            Assert.Equal(reported is null ? "0" : Int(reported["granted"]), Text(await page.TextContentAsync($"{row} [data-col=granted]")));
            Assert.Equal(reported is null ? "0" : Int(reported["costPoints"]), Text(await page.TextContentAsync($"{row} [data-col=cost]")));
        }

        var after = report["after"]!;
        Assert.Equal(Int(after["membersSurprised"]), Text(await page.TextContentAsync("[data-testid=after-surprised]")));
        Assert.Equal(Int(after["membersWhoBought"]), Text(await page.TextContentAsync("[data-testid=after-bought]")));
        Assert.Equal(Int(after["purchases"]), Text(await page.TextContentAsync("[data-testid=after-purchases]")));
        Assert.Equal($"{Value<decimal>(after["spend"]).ToString("N2", CultureInfo.InvariantCulture)} {Value<string>(after["currency"])}",
            Text(await page.TextContentAsync("[data-testid=after-spend]")));
    }

    private static string Int(JsonNode? node) => Value<long>(node).ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(double share) => (share * 100).ToString("N1", CultureInfo.InvariantCulture) + " %";

    private static string Text(string? text) => (text ?? "").Trim();
}
