using Tango.Store.Tenants;
using Tango.Tests.Harness;
using Xunit.Abstractions;

namespace Tango.Tests.Web;

/// <summary>
/// The flow in a real browser: log in, find a member, add a marker, edit a rule with an invalid value and
/// see the message, open the portal through a signed link, redeem a reward, see the balance drop. Each page is
/// kept as a screenshot (the path is in the test output).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardAndPortalTests(BrowserFixture browser, ITestOutputHelper output)
{
    public const string Program = """
        {
          "currency": "EUR",
          "earning": { "pointsPerUnit": 1, "rounding": "down",
            "rules": [ { "id": "coffee-mondays", "when": { "categories": ["coffee"], "daysOfWeek": ["mon"] }, "multiplier": 2 } ] },
          "expiry": { "months": 12 },
          "tiers": [
            { "id": "bronze", "name": "Bronze", "minSpend": 0 },
            { "id": "silver", "name": "Silver", "minSpend": 500, "multiplier": 1.25 }
          ],
          "rewards": [
            { "id": "free-coffee", "name": "Free coffee", "kind": "coupon", "costPoints": 50, "portable": true },
            { "id": "roastery-tour", "name": "Roastery tour", "kind": "experience", "costPoints": 2000 }
          ],
          "referral": { "referrerPoints": 100, "friendPoints": 50, "minFirstPurchase": 20 },
          "challenges": [
            { "id": "two-visits", "name": "Two visits in 30 days", "event": "purchase", "count": 2, "windowDays": 30, "reward": { "points": 10, "badge": "regular" } }
          ]
        }
        """;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Staff_log_in_find_a_member_add_a_marker_and_see_a_rule_refused_then_the_member_redeems_in_the_portal(StoreUnderTest kind)
    {
        await using var server = await TangoServer.StartAsync(kind);
        await TangoServer.ExpectAsync(await server.PutProgramAsync(Program), 200);
        var create = await server.Admin.PostAsync("/v1/members",
            TangoServer.Json("""{"id":"alice","name":"Alice Martin","email":"alice@example.com","consent":{"email":true}}"""));
        await TangoServer.ExpectAsync(create, 201);
        await server.PurchaseAsync("alice", "1001", 120m);
        await WebSession.CreateUserAsync(server, "manager@example.com", Role.Admin);
        await using var web = new WebSession(browser, output, $"flow-{kind}");

        // Log in: the dashboard sends an anonymous visitor to the login page first.
        var page = await web.NewPageAsync();
        await page.GotoAsync(new Uri(server.Address, "/admin/members").ToString());
        await page.WaitForSelectorAsync("#email");
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);
        await web.ShotAsync(page, "login");
        await page.FillAsync("#email", "manager@example.com");
        await page.FillAsync("#password", WebSession.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=member-search]");
        Assert.EndsWith("/admin/members", page.Url, StringComparison.Ordinal);

        // Find the member and open the profile.
        await page.FillAsync("[data-testid=member-search]", "martin");
        await page.PressAsync("[data-testid=member-search]", "Enter");
        await page.WaitForSelectorAsync("[data-testid=member-results] >> text=alice");
        await web.ShotAsync(page, "members");
        await page.ClickAsync("[data-testid=member-results] >> text=alice");
        await page.WaitForSelectorAsync("[data-testid=member-name]");
        Assert.Equal("Alice Martin", await page.TextContentAsync("[data-testid=member-name]"));
        Assert.Equal("120", await page.TextContentAsync("[data-testid=balance]"));

        // Add a marker: it becomes the one to bring up.
        await page.FillAsync("#marker-text", "The dog is a beagle called Max");
        await page.FillAsync("#marker-kind", "pet");
        await page.ClickAsync("[data-testid=add-marker]");
        await page.WaitForSelectorAsync("[data-testid=notice]");
        Assert.Contains("beagle", await page.TextContentAsync("[data-testid=marker-to-raise]"), StringComparison.Ordinal);
        await web.ShotAsync(page, "profile");
        var markers = await TangoServer.ExpectAsync(await server.Admin.GetAsync("/v1/members/alice/markers"), 200);
        Assert.Equal("The dog is a beagle called Max", markers["items"]![0]!["text"]!.GetValue<string>());

        // Edit a rule with an invalid value: the message is next to the field, and nothing is saved.
        await page.ClickAsync("nav >> text=Program");
        await page.WaitForSelectorAsync("#rule-0-multiplier");
        await page.FillAsync("#rule-0-multiplier", "-2");
        await page.ClickAsync("[data-testid=save-program]");
        var message = await page.WaitForSelectorAsync("[data-error-for='earning.rules[0].multiplier']");
        Assert.False(string.IsNullOrWhiteSpace(await message!.TextContentAsync()));
        await web.ShotAsync(page, "program-invalid");
        var program = await server.Admin.GetAsync("/v1/program");
        Assert.Equal("1", program.Headers.GetValues("Tango-Program-Version").Single());

        // The member opens the portal through a signed link, on a phone.
        var link = await TangoServer.ExpectAsync(await server.Admin.PostAsync("/v1/members/alice/portal-link", null), 200);
        var url = link["url"]!.GetValue<string>();
        Assert.StartsWith(server.Address.ToString().TrimEnd('/') + "/portal/enter?token=", url, StringComparison.Ordinal);
        var phone = await web.NewPageAsync(phone: true);
        await phone.GotoAsync(url);
        await phone.WaitForSelectorAsync("[data-testid=portal-balance]");
        Assert.EndsWith("/portal", phone.Url, StringComparison.Ordinal);
        Assert.Equal("120", await phone.TextContentAsync("[data-testid=portal-balance]"));
        var code = (await phone.TextContentAsync("[data-testid=referral-code]"))!.Trim();
        Assert.Equal(code, TangoServer.Value<string>((await TangoServer.ExpectAsync(await server.Admin.GetAsync("/v1/members/alice/referral"), 200))["code"]));
        Assert.Contains("1 of 2", await phone.TextContentAsync("[data-testid=challenge]"), StringComparison.Ordinal);
        await phone.ClickAsync("[data-testid=copy-referral]");
        await phone.WaitForSelectorAsync("[data-testid=copy-referral][data-copied=true]");
        await web.ShotAsync(phone, "portal");

        // Redeem a reward: the balance drops by its cost.
        await phone.ClickAsync("[data-testid=redeem-free-coffee]");
        await phone.WaitForSelectorAsync("[data-testid=portal-notice]");
        Assert.Contains("Free coffee", await phone.TextContentAsync("[data-testid=portal-notice]"), StringComparison.Ordinal);
        Assert.Equal("70", await phone.TextContentAsync("[data-testid=portal-balance]"));
        await web.ShotAsync(phone, "portal-redeemed");
        Assert.Equal(70, TangoServer.Value<long>((await server.BalanceAsync("alice"))["points"]));
        Assert.Empty(await server.VerifyAsync());

        // Answer the survey and stop offers by email.
        await phone.FillAsync("#survey-comment", "Great coffee");
        await phone.ClickAsync("[data-testid=nps-9]");
        await phone.WaitForSelectorAsync("[data-testid=survey-latest]");
        Assert.Contains("9", await phone.TextContentAsync("[data-testid=survey-latest]"), StringComparison.Ordinal);
        await phone.ClickAsync("[data-testid=unsubscribe]");
        await phone.WaitForSelectorAsync("[data-testid=unsubscribed]");
        await web.ShotAsync(phone, "portal-answered");
        var member = await TangoServer.ExpectAsync(await server.Admin.GetAsync("/v1/members/alice"), 200);
        Assert.False(member["consent"]!["email"]!.GetValue<bool>());

        // The portal fits a phone: nothing wider than the screen.
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"The portal is {width}px wide on a 375px screen.");

        // A tampered link is refused, in words a member understands.
        var stranger = await web.NewPageAsync(phone: true);
        var refused = await stranger.GotoAsync(url[..^4] + (url[^4] == 'A' ? "B" : "A") + url[^3..]);
        Assert.Equal(403, refused!.Status);
        await stranger.WaitForSelectorAsync("[data-testid=portal-refused]");
        await web.ShotAsync(stranger, "portal-refused");
    }
}
