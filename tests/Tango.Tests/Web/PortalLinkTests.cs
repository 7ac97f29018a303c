using System.Net;
using Tango.Store.Tenants;
using Tango.Tests.Harness;

namespace Tango.Tests.Web;

/// <summary>
/// `POST /v1/members/{id}/portal-link`: a signed link valid 15 minutes. A tampered link, an expired one and one for a
/// member who no longer exists are refused with the same page and the same status, so a link never tells whether a
/// member exists.
/// </summary>
public sealed class PortalLinkTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_link_opens_the_portal_and_a_tampered_expired_or_orphaned_link_gets_the_same_refusal(StoreUnderTest kind)
    {
        await using var server = await TangoServer.StartAsync(kind);
        await server.EnrolAsync("alice");
        await server.EnrolAsync("bob");

        var link = await TangoServer.ExpectAsync(await server.Admin.PostAsync("/v1/members/alice/portal-link", null), 200);
        Assert.Equal(server.Clock.GetUtcNow().AddMinutes(15), link["expiresAt"]!.GetValue<DateTimeOffset>());
        var url = new Uri(link["url"]!.GetValue<string>());

        using (var web = new WebClient(server))
        {
            var opened = await web.GetAsync(url.PathAndQuery);
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
            Assert.Equal("/portal", opened.Headers.Location!.ToString());
            var portal = await web.GetAsync("/portal");
            Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
            Assert.Contains("data-testid=\"portal-balance\"", await portal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var token = url.Query["?token=".Length..];
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
        var refusals = new List<string>
        {
            await RefusedAsync(server, $"/portal/enter?token={tampered}"),
            await RefusedAsync(server, "/portal/enter?token=not-a-token"),
            await RefusedAsync(server, "/portal/enter"),
        };

        // A link for a member who is erased afterwards.
        var bobs = await TangoServer.ExpectAsync(await server.Admin.PostAsync("/v1/members/bob/portal-link", null), 200);
        Assert.Equal(HttpStatusCode.NoContent, (await server.Admin.DeleteAsync("/v1/members/bob")).StatusCode);
        refusals.Add(await RefusedAsync(server, new Uri(bobs["url"]!.GetValue<string>()).PathAndQuery));

        // Past its 15 minutes the first link is refused too, exactly alike.
        server.Clock.Advance(TimeSpan.FromMinutes(15).Add(TimeSpan.FromSeconds(1)));
        refusals.Add(await RefusedAsync(server, url.PathAndQuery));

        Assert.Single(refusals.Distinct());

        // Without a session the portal sends the visitor to the same refusal.
        using var stranger = new WebClient(server);
        var portalWithout = await stranger.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.Redirect, portalWithout.StatusCode);
        Assert.StartsWith("/portal/enter", portalWithout.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Only_ingest_and_admin_keys_make_links_and_an_unknown_member_is_a_404(StoreUnderTest kind)
    {
        await using var server = await TangoServer.StartAsync(kind);
        await server.EnrolAsync("alice");
        using var read = server.Client(await server.CreateKeyAsync("default", Role.Read));
        using var ingest = server.Client(await server.CreateKeyAsync("default", Role.Ingest));
        using var anonymous = server.Client(null);

        await TangoServer.ExpectProblemAsync(await anonymous.PostAsync("/v1/members/alice/portal-link", null), 401);
        await TangoServer.ExpectProblemAsync(await read.PostAsync("/v1/members/alice/portal-link", null), 403);
        await TangoServer.ExpectProblemAsync(await ingest.PostAsync("/v1/members/nobody/portal-link", null), 404);
        await TangoServer.ExpectAsync(await ingest.PostAsync("/v1/members/alice/portal-link", null), 200);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_link_made_on_one_node_opens_on_another_node_of_the_same_store(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var first = await TangoServer.StartOnAsync(store, TangoServer.Start);
        await using var second = await TangoServer.StartOnAsync(store, TangoServer.Start);
        await first.EnrolAsync("alice");

        var link = await TangoServer.ExpectAsync(await first.Admin.PostAsync("/v1/members/alice/portal-link", null), 200);
        using var web = new WebClient(second);
        var opened = await web.GetAsync(new Uri(link["url"]!.GetValue<string>()).PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/portal")).StatusCode);
    }

    private static async Task<string> RefusedAsync(TangoServer server, string pathAndQuery)
    {
        using var web = new WebClient(server);
        var response = await web.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{pathAndQuery}: {(int)response.StatusCode} {body}");
        Assert.Contains("This link does not open", body, StringComparison.Ordinal);
        Assert.DoesNotContain(web.Cookies.GetCookies(server.Address), c => c.Name == "tango_portal");
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {body}";
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_referral_link_without_a_page_of_the_programs_own_lands_on_a_page_that_shows_the_code(StoreUnderTest kind)
    {
        await using var server = await TangoServer.StartAsync(kind);
        await TangoServer.ExpectAsync(await server.PutProgramAsync("""{"currency":"EUR","referral":{"referrerPoints":10,"friendPoints":5,"minFirstPurchase":1}}"""), 200);
        await server.EnrolAsync("alice");
        var referral = await TangoServer.ExpectAsync(await server.Admin.GetAsync("/v1/members/alice/referral"), 200);
        var link = new Uri(referral["link"]!.GetValue<string>());
        var code = referral["code"]!.GetValue<string>();

        using var web = new WebClient(server);
        var page = await web.GetAsync(link.PathAndQuery);
        var broken = await web.GetAsync("/portal/join?ref=%3Cscript%3E");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($">{code}</code>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.DoesNotContain("<script>", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
