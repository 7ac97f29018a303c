using Microsoft.Playwright;
using Tango.Store.Tenants;
using Tango.Tests.Harness;
using Xunit.Abstractions;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Web;

/// <summary>
/// What staff and members see at a desk and on a 375px phone: an incident naming ids that match nothing, a long
/// unbroken subject in the portal's inbox, and badges drawn the same on a machine without an emoji font.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IncidentAndBadgePageTests(BrowserFixture browser, ITestOutputHelper output)
{
    // A shop's reference number: one word with nowhere to break, far wider than a phone.
    private const string LongTitle = "Your parcel JJD00049001234567890123456789DE4711DEPOTHAMBURG is late";

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_incident_form_shows_which_ids_matched_nothing_and_the_portal_wraps_its_long_subject_on_a_phone(StoreUnderTest kind)
    {
        await using var server = await StartAsync(kind);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"ann","name":"Ann Lee","email":"ann@example.com"}""")), 201);
        await WebSession.CreateUserAsync(server, "manager@example.com", Role.Admin);
        await using var web = new WebSession(browser, output, $"incident-unknown-ids-{kind}");
        var desk = await web.NewPageAsync();
        await WebSession.LogInAsync(desk, server, "manager@example.com");

        await desk.GotoAsync(new Uri(server.Address, "/admin/incidents").ToString());
        await desk.FillAsync("#incident-title", LongTitle);
        await desk.FillAsync("#incident-message", "We are sorry: it leaves the depot tomorrow.");
        await desk.FillAsync("#incident-members", "ann, anne, ghost-7");
        await desk.FillAsync("#incident-orders", "#404/1");
        await desk.ClickAsync("[data-testid=declare]");
        await desk.WaitForSelectorAsync("[data-testid=unknown-ids]");

        Assert.Contains("1 member told", await desk.TextContentAsync("[data-testid=told]"), StringComparison.Ordinal);
        Assert.Contains("anne, ghost-7", await desk.TextContentAsync("[data-testid=unknown-members]"), StringComparison.Ordinal);
        Assert.Contains("#404/1", await desk.TextContentAsync("[data-testid=unknown-orders]"), StringComparison.Ordinal);
        await web.ShotAsync(desk, "incident-unknown-ids-desk");
        var staffPhone = await web.NewPageAsync(phone: true);
        await WebSession.LogInAsync(staffPhone, server, "manager@example.com");
        await staffPhone.GotoAsync(desk.Url);
        await staffPhone.WaitForSelectorAsync("[data-testid=unknown-ids]");
        await AssertFitsAsync(staffPhone, "[data-testid=unknown-ids]");
        await web.ShotAsync(staffPhone, "incident-unknown-ids-phone");

        foreach (var phone in new[] { false, true })
        {
            var portal = await OpenPortalAsync(web, server, "ann", phone);
            var subject = portal.Locator("[data-testid=inbox-message] strong");
            Assert.Equal(LongTitle, await subject.TextContentAsync());
            await AssertFitsAsync(portal, "[data-testid=inbox-message]");
            await web.ShotAsync(portal, phone ? "portal-long-subject-phone" : "portal-long-subject-desk");
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_badge_is_drawn_with_an_icon_sent_with_the_page_at_a_desk_and_on_a_phone(StoreUnderTest kind)
    {
        await using var server = await StartAsync(kind);
        await ExpectAsync(await server.PutProgramAsync(DashboardAndPortalTests.Program), 200);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"bo","name":"Bo Lind","email":"bo@example.com"}""")), 201);
        await server.PurchaseAsync("bo", "#1001/7", 30m);
        await server.PurchaseAsync("bo", "#1002/1", 30m);
        await using var web = new WebSession(browser, output, $"badge-icon-{kind}");

        foreach (var phone in new[] { false, true })
        {
            var portal = await OpenPortalAsync(web, server, "bo", phone);
            var badge = portal.Locator("[data-testid=badge]");
            await badge.First.WaitForAsync();

            Assert.Equal("regular", (await badge.First.TextContentAsync())?.Trim());
            var icon = portal.Locator("[data-testid=badge] svg");
            Assert.Equal(1, await icon.CountAsync());
            var box = await icon.First.BoundingBoxAsync();
            Assert.True(box is { Width: >= 16, Height: >= 16 }, $"The badge icon is {box?.Width}x{box?.Height}.");
            // Drawn in the page, not an image fetched from anywhere.
            Assert.Equal(0, await portal.Locator("[data-testid=badge] img").CountAsync());
            await AssertFitsAsync(portal, "[data-testid=badge]");
            await web.ShotAsync(portal, phone ? "portal-badge-phone" : "portal-badge-desk");
        }
    }

    private static async Task<IPage> OpenPortalAsync(WebSession web, TangoServer server, string memberId, bool phone)
    {
        var link = await ExpectAsync(await server.Admin.PostAsync($"/v1/members/{memberId}/portal-link", null), 200);
        var page = await web.NewPageAsync(phone);
        await page.GotoAsync(Value<string>(link["url"]));
        await page.WaitForSelectorAsync("[data-testid=portal-balance]");
        return page;
    }

    /// <summary>Nothing wider than the screen, and <paramref name="selector"/> inside its card.</summary>
    private static async Task AssertFitsAsync(IPage page, string selector)
    {
        var viewport = page.ViewportSize!.Width;
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= viewport, $"The page is {width}px wide on a {viewport}px screen.");
        var overflow = await page.EvaluateAsync<double>($$"""
            () => {
              const e = document.querySelector('{{selector}}');
              const card = e.closest('.card') || document.body;
              return Math.max(...[e, ...e.querySelectorAll('*')].map(x => x.getBoundingClientRect().right)) - card.getBoundingClientRect().right;
            }
            """);
        Assert.True(overflow <= 0.5, $"{selector} runs {overflow:0}px past its card.");
    }
}
