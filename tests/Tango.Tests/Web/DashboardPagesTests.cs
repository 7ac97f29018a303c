using System.Globalization;
using Tango.Store.Tenants;
using Tango.Tests.Harness;
using Xunit.Abstractions;

namespace Tango.Tests.Web;

/// <summary>The dashboard's other pages over a tenant with some history: KPIs with trends, charts, journeys, incidents.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardPagesTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Staff_see_kpis_with_trends_read_the_charts_switch_a_journey_on_and_declare_an_incident()
    {
        await using var server = await TangoServer.StartAsync(StoreUnderTest.Sqlite);
        await TangoServer.ExpectAsync(await server.PutProgramAsync(DashboardAndPortalTests.Program), 200);
        await SeedAsync(server, members: 300);
        await TangoServer.ExpectAsync(await server.Admin.PostAsync("/v1/analytics:refresh", null), 200);
        await server.PurchaseAsync("m001", "late-1", 640m);
        server.Clock.Advance(TimeSpan.FromDays(1));
        await WebSession.CreateUserAsync(server, "manager@example.com", Role.Admin);
        await using var web = new WebSession(browser, output, "dashboard-pages");
        var page = await web.NewPageAsync();
        await WebSession.LogInAsync(page, server, "manager@example.com");

        // Overview: a second refresh gives each KPI a trend.
        await page.GotoAsync(new Uri(server.Address, "/admin").ToString());
        await page.ClickAsync("[data-testid=refresh]");
        await page.WaitForSelectorAsync("[data-testid=kpis] .spark");
        Assert.Equal(7, await page.Locator("[data-testid=kpis] .kpi").CountAsync());
        Assert.Contains("300", await page.TextContentAsync("[data-testid=kpis]"), StringComparison.Ordinal);
        await web.ShotAsync(page, "overview");

        // Analytics: the RFM grid, cohorts, CLV and the model fit, each with its numbers in tooltips.
        await page.ClickAsync("nav >> text=Analytics");
        await page.WaitForSelectorAsync("[data-testid=model-fit] svg rect");
        Assert.True(await page.Locator("[data-testid=rfm-grid] td[title]").CountAsync() == 25);
        Assert.True(await page.Locator("[data-testid=cohorts] td[title]").CountAsync() > 0);
        Assert.True(await page.Locator("[data-testid=clv] svg rect title").CountAsync() == 6);
        Assert.True(await page.Locator("[data-testid=tier-mix] .track").CountAsync() >= 1);
        await web.ShotAsync(page, "analytics");

        // Program: simulate doubling the base rate over the stored history before saving anything.
        await page.ClickAsync("nav >> text=Program");
        await page.FillAsync("#points-per-unit", "2");
        await page.ClickAsync("[data-testid=simulate-program]");
        await page.WaitForSelectorAsync("[data-testid=simulation]");
        Assert.Contains("Points issued", await page.TextContentAsync("[data-testid=simulation]"), StringComparison.Ordinal);
        Assert.Equal("2", await page.InputValueAsync("#points-per-unit"));
        await web.ShotAsync(page, "program-simulated");
        Assert.Equal("1", (await server.Admin.GetAsync("/v1/program")).Headers.GetValues("Tango-Program-Version").Single());

        // Journeys: switch a ready-made one on and open its report.
        await page.ClickAsync("nav >> text=Journeys");
        await page.ClickAsync("[data-testid=toggle-first-purchase-thank-you]");
        await page.WaitForSelectorAsync("[data-testid=notice]");
        var journey = await TangoServer.ExpectAsync(await server.Admin.GetAsync("/v1/journeys/first-purchase-thank-you"), 200);
        Assert.True(journey["enabled"]!.GetValue<bool>());
        await web.ShotAsync(page, "journeys");
        await page.ClickAsync("[data-journey=first-purchase-thank-you] a");
        await page.WaitForSelectorAsync("[data-testid=uplift]");
        await web.ShotAsync(page, "journey-report");

        // Incidents: a form with a missing part says so next to it; a declared one lists who was told.
        await page.ClickAsync("nav >> text=Incidents");
        await page.FillAsync("#incident-title", "Late deliveries");
        await page.FillAsync("#incident-message", "Sorry: your order is two days late. We added points to say sorry.");
        await page.ClickAsync("[data-testid=declare]");
        await page.WaitForSelectorAsync("[data-error-for=affected]");
        await page.FillAsync("#incident-members", "m001, m002");
        await page.FillAsync("#incident-points", "25");
        await page.ClickAsync("[data-testid=declare]");
        await page.WaitForSelectorAsync("[data-testid=recipients]");
        Assert.Contains("2 members told", await page.TextContentAsync("[data-testid=told]"), StringComparison.Ordinal);
        await web.ShotAsync(page, "incident");
        Assert.Empty(await server.VerifyAsync());
    }

    /// <summary>
    /// A history shaped like BG/NBD's story, the same every run: each member buys at their own rate (exponentially
    /// distributed across members) from a first purchase in the last ten months, and after each purchase may drop out
    /// for good. Sent through the batch endpoint; members enrol on their first purchase.
    /// </summary>
    private static async Task SeedAsync(TangoServer server, int members)
    {
        var random = new Random(42);
        var events = new List<string>();
        for (var m = 1; m <= members; m++)
        {
            var id = $"m{m:000}";
            var rate = -Math.Log(1 - random.NextDouble()) / 25; // purchases per day
            var dropout = random.NextDouble() * 0.5;
            var day = -random.Next(30, 300);
            for (var p = 0; day < 0; p++)
            {
                var at = TangoServer.Start.AddDays(day).AddHours(-2);
                var when = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                var total = (random.Next(2000, 20000) / 100m).ToString(CultureInfo.InvariantCulture);
                events.Add($$$"""{"idempotencyKey":"seed-{{{id}}}-{{{p}}}","type":"purchase","memberId":"{{{id}}}","occurredAt":"{{{when}}}","data":{"orderId":"{{{id}}}-{{{p}}}","total":{{{total}}}}}""");
                if (random.NextDouble() < dropout)
                {
                    break;
                }
                day += Math.Max(1, (int)Math.Ceiling(-Math.Log(1 - random.NextDouble()) / rate));
            }
        }
        var results = (await TangoServer.ExpectAsync(await server.Admin.PostAsync("/v1/events:batch", TangoServer.Json("[" + string.Join(",", events) + "]")), 200))["results"]!.AsArray();
        Assert.All(results, r => Assert.Equal(200, r!["status"]!.GetValue<int>()));
    }
}
