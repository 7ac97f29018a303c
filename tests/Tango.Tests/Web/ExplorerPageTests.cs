using System.Globalization;
using Microsoft.Playwright;
using Tango.Store.Tenants;
using Tango.Tests.Harness;
using Xunit.Abstractions;
using static Tango.Tests.Harness.TangoServer;
using static Tango.Tests.Members.ExplorerFixture;

namespace Tango.Tests.Web;

/// <summary>The member explorer, driven as a marketer would: from an analytics chart to a filtered, sorted, saved list.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExplorerPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_marketer_goes_from_a_segment_bar_and_an_rfm_cell_to_the_members_filters_sorts_and_saves_a_segment(StoreUnderTest kind)
    {
        await using var server = await StartAsync(kind, Today);
        await SeedAsync(server);
        await WebSession.CreateUserAsync(server, "marketer@example.com", Role.Admin);
        await using var web = new WebSession(browser, output, $"explorer-{kind}");
        var page = await web.NewPageAsync();
        await WebSession.LogInAsync(page, server, "marketer@example.com");

        // A segment bar on the analytics page opens the explorer on that segment.
        await page.ClickAsync("nav >> text=Analytics");
        await page.WaitForSelectorAsync("[data-testid=rfm-grid]");
        await web.ShotAsync(page, "analytics-with-links");
        var segmentLink = page.Locator("[data-testid=segment-link]").First;
        var segmentHref = await segmentLink.GetAttributeAsync("href");
        var segment = segmentHref!.Split("segment=")[1];
        await segmentLink.ClickAsync();
        await page.WaitForURLAsync($"**/admin/members?segment={segment}");
        Assert.Equal(await ApiTotalAsync(server, $"segment={segment}"), await CountAsync(page));
        Assert.Equal(segment, await page.InputValueAsync("#f-segment"));

        // An RFM cell opens the explorer on its purchasers: as many as the cell says.
        await page.GoBackAsync();
        var cell = page.Locator("[data-testid^=rfm-cell-]").Filter(new LocatorFilterOptions { HasNotText = "0" }).First;
        var cellCount = long.Parse((await cell.TextContentAsync())!.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        await cell.ClickAsync();
        await page.WaitForURLAsync("**/admin/members?rfmR=*");
        Assert.Equal(cellCount, await CountAsync(page));
        Assert.True(await page.IsVisibleAsync("[data-testid=active-filters]"));
        await web.ShotAsync(page, "explorer-rfm-cell");

        // Narrow to members with email consent, then sort by CLV, highest first.
        await page.GotoAsync(new Uri(server.Address, $"/admin/members?segment={segment}").ToString());
        await page.SelectOptionAsync("#f-consent", "true");
        await page.ClickAsync("[data-testid=apply-filters]");
        await page.WaitForURLAsync("**emailConsent=true**");
        var query = $"segment={segment}&emailConsent=true";
        Assert.Equal(await ApiTotalAsync(server, query), await CountAsync(page));
        await page.ClickAsync("[data-testid=sort-clv]");
        await page.WaitForURLAsync("**sort=-clv**");
        var top = await ExpectAsync(await server.Admin.GetAsync($"/v1/members?{query}&sort=-clv&limit=5"), 200);
        var shown = await page.Locator("[data-testid=member-results] tbody tr td.member-cell a").AllTextContentsAsync();
        Assert.Equal(top["items"]!.AsArray().Select(i => Value<string>(i!["id"])), shown.Take(5));
        Assert.Contains("▼", await page.TextContentAsync("[data-testid=sort-clv]"), StringComparison.Ordinal);
        await web.ShotAsync(page, "explorer-filtered-sorted");

        // Save it: the segment is listed, opens the same members, and the API counts them.
        await page.FillAsync("#save-key", "segment-by-mail");
        await page.FillAsync("#save-name", "Segment, by mail");
        await page.ClickAsync("[data-testid=save-segment] button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=notice]");
        var saved = await ExpectAsync(await server.Admin.GetAsync("/v1/segments/segment-by-mail"), 200);
        Assert.Equal(await ApiTotalAsync(server, query), Value<long>(saved["count"]));
        Assert.Equal("true", Value<string>(saved["filter"]!["emailConsent"]));
        await page.ClickAsync("[data-testid=saved-segments] >> text=Segment, by mail");
        await page.WaitForURLAsync("**/admin/members?savedSegment=segment-by-mail");
        Assert.Equal(Value<long>(saved["count"]), await CountAsync(page));
        await web.ShotAsync(page, "explorer-saved-segment");

        // The CSV link exports the whole match.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-csv]"));
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal(Value<long>(saved["count"]) + 1, csv.Length);

        // A bad value in the address is a message at its field, not a list.
        await page.GotoAsync(new Uri(server.Address, "/admin/members?minPAlive=2").ToString());
        Assert.True(await page.IsVisibleAsync("[data-testid=problem]"));
        Assert.True(await page.IsVisibleAsync("[data-field=minPAlive].invalid"));

        // On a phone: the same list, nothing wider than the screen.
        var phone = await web.NewPageAsync(phone: true);
        await WebSession.LogInAsync(phone, server, "marketer@example.com");
        await phone.GotoAsync(new Uri(server.Address, $"/admin/members?{query}&sort=-clv").ToString());
        await phone.WaitForSelectorAsync("[data-testid=member-results]");
        Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375, "The explorer is wider than a phone.");
        await web.ShotAsync(phone, "explorer-phone");
        await phone.GotoAsync(new Uri(server.Address, "/admin/analytics").ToString());
        Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375, "Analytics is wider than a phone.");
        await web.ShotAsync(phone, "analytics-phone");
    }

    private static async Task<long> CountAsync(IPage page)
    {
        if (!await page.IsVisibleAsync("[data-testid=member-count]"))
        {
            Assert.Fail("No count on " + page.Url + ": " + await page.InnerTextAsync("main"));
        }
        return long.Parse((await page.TextContentAsync("[data-testid=member-count]"))!.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    private static async Task<long> ApiTotalAsync(TangoServer server, string query) =>
        Value<long>((await ExpectAsync(await server.Admin.GetAsync($"/v1/members?{query}&limit=1"), 200))["total"]);
}
