using Tango.Store.Tenants;
using Tango.Tests.Harness;
using Tango.Tests.Members;
using Xunit.Abstractions;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Web;

/// <summary>A marketer opens a customer's profile: reads the timeline, narrows it, pages it, edits details.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MemberTimelinePageTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>An order id from a shop that uses long printable ids: it must wrap at 375 px, not widen the page.</summary>
    private const string LongOrder = "WEB/2026/11/23/checkout-session-7f3a9c2e4b1d4e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9";

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_marketer_finds_an_order_a_message_and_a_coupon_on_the_timeline_and_edits_birth_date_and_consent(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        var coupon = await TimelineStory.WriteAsync(server);
        await server.PurchaseAsync(TimelineStory.Member, LongOrder, 12m);
        await WebSession.CreateUserAsync(server, "marketer@example.com", Role.Admin);
        await using var web = new WebSession(browser, output, $"member-timeline-{store}");
        var page = await web.NewPageAsync();
        await WebSession.LogInAsync(page, server, "marketer@example.com");

        await page.GotoAsync(new Uri(server.Address, $"/admin/members/{TimelineStory.Member}").ToString());
        var order = page.Locator("[data-kind=order]", new() { HasText = TimelineStory.Order });
        Assert.Contains("grinder", await order.Locator("[data-testid=order-lines]").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("beans", await order.Locator("[data-testid=order-lines]").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(TimelineStory.IncidentMessage, await page.Locator("[data-kind=message]").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(coupon, await page.Locator("[data-kind=coupon]").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("active", await page.Locator("[data-kind=coupon]").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("23 Nov 2026", await page.TextContentAsync("[data-testid=member-since]"), StringComparison.Ordinal);
        await web.ShotAsync(page, "profile-timeline");

        // Older items are a page away; the newest link comes back.
        Assert.Equal(20, await page.Locator("[data-testid=timeline] > li").CountAsync());
        await page.ClickAsync("[data-testid=timeline-older]");
        await page.WaitForSelectorAsync("[data-testid=timeline-newest]");
        Assert.True(await page.Locator("[data-kind=referral]").CountAsync() >= 1);
        await page.ClickAsync("[data-testid=timeline-newest]");
        await page.WaitForSelectorAsync("[data-testid=timeline-older]");

        // Only orders and coupons.
        foreach (var box in await page.Locator("[data-testid=timeline-filter] input[type=checkbox]").AllAsync())
        {
            await box.UncheckAsync();
        }
        await page.CheckAsync("input[name=kinds][value=order]");
        await page.CheckAsync("input[name=kinds][value=coupon]");
        await page.ClickAsync("[data-testid=timeline-apply]");
        await page.WaitForURLAsync(url => url.Contains("kinds=coupon", StringComparison.Ordinal));
        var kinds = await page.Locator("[data-testid=timeline] > li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.kind)");
        Assert.Equal(["coupon", "order"], kinds.Distinct().Order(StringComparer.Ordinal));
        await web.ShotAsync(page, "profile-timeline-orders-and-coupons");

        // Birth date and consent, through the same PATCH as the API: a date in the future is refused at the field.
        await page.FillAsync("#birth-date", "2999-01-01");
        await page.ClickAsync("[data-testid=save-details]");
        await page.WaitForSelectorAsync("[data-error-for=birthDate]");
        Assert.Null((await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{TimelineStory.Member}"), 200))["birthDate"]);
        await page.FillAsync("#birth-date", "1990-04-12");
        await page.UncheckAsync("#consent-email");
        await page.CheckAsync("#consent-sms");
        await page.ClickAsync("[data-testid=save-details]");
        await page.WaitForSelectorAsync("[data-testid=notice]");
        Assert.Equal("1990-04-12", await page.TextContentAsync("[data-testid=birth-date]"));
        Assert.Equal("no", await page.TextContentAsync("[data-testid=consent-email]"));
        Assert.Equal("yes", await page.TextContentAsync("[data-testid=consent-sms]"));
        var member = await ExpectAsync(await server.Admin.GetAsync($"/v1/members/{TimelineStory.Member}"), 200);
        Assert.Equal("1990-04-12", Value<string>(member["birthDate"]));
        Assert.False(Value<bool>(member["consent"]!["email"]));
        Assert.True(Value<bool>(member["consent"]!["sms"]));
        await web.ShotAsync(page, "profile-details-saved");

        // At 375 px the long order id wraps and nothing is wider than the screen.
        var phone = await web.NewPageAsync(phone: true);
        await WebSession.LogInAsync(phone, server, "marketer@example.com");
        await phone.GotoAsync(new Uri(server.Address, $"/admin/members/{TimelineStory.Member}").ToString());
        await phone.WaitForSelectorAsync("[data-kind=order]");
        Assert.True(await phone.Locator("[data-kind=order]", new() { HasText = LongOrder }).CountAsync() >= 1);
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375);
        await web.ShotAsync(phone, "profile-timeline-phone");
        foreach (var (selector, name) in new[] { ("[data-kind=order]", "long-order"), ("[data-testid=order-lines]", "order-lines") })
        {
            await phone.Locator(selector).First.ScrollIntoViewIfNeededAsync();
            await phone.ScreenshotAsync(new() { Path = Path.Combine(web.ScreenshotDirectory, $"phone-{name}.png") });
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_unknown_member_shows_a_friendly_not_found_page_with_a_way_back(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await WebSession.CreateUserAsync(server, "marketer@example.com", Role.Read);
        await using var web = new WebSession(browser, output, $"member-not-found-{store}");
        foreach (var phoneSized in new[] { false, true })
        {
            var page = await web.NewPageAsync(phoneSized);
            await WebSession.LogInAsync(page, server, "marketer@example.com");

            var response = await page.GotoAsync(new Uri(server.Address, "/admin/members/no-such-customer").ToString());

            Assert.Equal(404, response!.Status);
            Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
            Assert.Contains("No such member", await page.TextContentAsync("[data-testid=not-found]"), StringComparison.Ordinal);
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= (phoneSized ? 375 : 1280));
            await web.ShotAsync(page, phoneSized ? "member-not-found-phone" : "member-not-found");
            await page.ClickAsync("[data-testid=back-to-members]");
            await page.WaitForURLAsync(url => url.EndsWith("/admin/members", StringComparison.Ordinal));
        }
    }
}

/// <summary>The details form without a browser: a read user has none and cannot send one.</summary>
public sealed class MemberDetailsFormTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_read_user_cannot_change_birth_date_or_consent(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await WebSession.CreateUserAsync(server, "viewer@example.com", Role.Read);
        await server.EnrolAsync("alice");
        using var web = new WebClient(server);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await web.LogInAsync("viewer@example.com", WebSession.Password)).StatusCode);

        var profile = await (await web.GetAsync("/admin/members/alice")).Content.ReadAsStringAsync();
        var sent = await web.PostFormAsync("/admin/members/alice", "details",
            new Dictionary<string, string> { ["Details.BirthDate"] = "1980-01-01", ["Details.Sms"] = "true" });

        Assert.DoesNotContain("data-testid=\"details-form\"", profile, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"timeline\"", profile, StringComparison.Ordinal);
        Assert.True(sent.StatusCode is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Forbidden, sent.StatusCode.ToString());
        var member = await ExpectAsync(await server.Admin.GetAsync("/v1/members/alice"), 200);
        Assert.Null(member["birthDate"]);
        Assert.False(Value<bool>(member["consent"]!["sms"]));
    }
}
