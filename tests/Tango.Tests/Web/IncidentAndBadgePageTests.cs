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
    public async Task The_incident_form_leads_to_a_page_naming_the_ids_that_matched_nothing_at_a_desk_and_on_a_phone(StoreUnderTest kind)
    {
        await using var server = await StartAsync(kind);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"ann","name":"Ann Lee","email":"ann@example.com"}""")), 201);
        await WebSession.CreateUserAsync(server, "manager@example.com", Role.Admin);
        await using var web = new WebSession(browser, output, $"incident-unknown-ids-{kind}");
        var desk = await web.NewPageAsync();
        await WebSession.LogInAsync(desk, server, "manager@example.com");

        await desk.GotoAsync(new Uri(server.Address, "/admin/incidents").ToString());
        await desk.FillAsync("#incident-title", "Your parcel is late");
        await desk.FillAsync("#incident-message", "We are sorry: it leaves the depot tomorrow.");
        await desk.FillAsync("#incident-members", "ann, anne, ghost-7");
        await desk.FillAsync("#incident-orders", "o-404");
        await desk.ClickAsync("[data-testid=declare]");
        await desk.WaitForSelectorAsync("[data-testid=told]");

        Assert.Equal(1, await desk.Locator("[data-testid=unknown-ids]").CountAsync());
        Assert.Contains("1 member told", await desk.TextContentAsync("[data-testid=told]"), StringComparison.Ordinal);
        Assert.Contains("anne, ghost-7", await desk.TextContentAsync("[data-testid=unknown-members]"), StringComparison.Ordinal);
        Assert.Contains("o-404", await desk.TextContentAsync("[data-testid=unknown-orders]"), StringComparison.Ordinal);
        await web.ShotAsync(desk, "incident-unknown-ids-desk");
        var phone = await web.NewPageAsync(phone: true);
        await WebSession.LogInAsync(phone, server, "manager@example.com");
        await phone.GotoAsync(desk.Url);
        await phone.WaitForSelectorAsync("[data-testid=unknown-ids]");
        await AssertFitsAsync(phone, "[data-testid=unknown-ids]");
        await web.ShotAsync(phone, "incident-unknown-ids-phone");
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_message_subject_with_a_long_unbroken_reference_wraps_inside_the_portal_at_a_desk_and_on_a_phone(StoreUnderTest kind)
    {
        await using var server = await StartAsync(kind);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"ann","name":"Ann Lee","email":"ann@example.com"}""")), 201);
        await ExpectAsync(await server.Admin.PostAsync("/v1/incidents", Json($$$"""
            {"title":"{{{LongTitle}}}","message":"We are sorry: it leaves the depot tomorrow.","channels":["inbox"],"affected":{"memberIds":["ann"]}}
            """)), 201);
        await using var web = new WebSession(browser, output, $"portal-long-subject-{kind}");

        foreach (var phone in new[] { false, true })
        {
            var portal = await OpenPortalAsync(web, server, "ann", phone);
            Assert.Equal(LongTitle, await portal.Locator("[data-testid=inbox-message] strong").TextContentAsync());
            await web.ShotAsync(portal, phone ? "portal-long-subject-phone" : "portal-long-subject-desk");
            await AssertFitsAsync(portal, "[data-testid=inbox-message]");
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_badge_is_drawn_with_an_icon_sent_with_the_page_at_a_desk_and_on_a_phone(StoreUnderTest kind)
    {
        await using var server = await StartAsync(kind);
        await ExpectAsync(await server.PutProgramAsync(DashboardAndPortalTests.Program), 200);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"bo","name":"Bo Lind","email":"bo@example.com"}""")), 201);
        await server.PurchaseAsync("bo", "o-1", 30m);
        await server.PurchaseAsync("bo", "o-2", 30m);
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
            await web.ShotAsync(portal, phone ? "portal-badge-phone" : "portal-badge-desk");
            await AssertFitsAsync(portal, "[data-testid=badge]");
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
