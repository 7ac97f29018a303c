using System.Net;
using Tango.Store.Tenants;
using Tango.Tests.Harness;

namespace Tango.Tests.Web;

/// <summary>
/// The web surfaces beside the API: their own cookie login with CSRF protection and throttling, roles as the API's,
/// and the API's bearer-key auth and problem answers left as they were.
/// </summary>
public sealed class WebSecurityTests
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_API_still_answers_401_problems_and_a_dashboard_cookie_does_not_open_it(StoreUnderTest kind)
    {
        await using var server = await TangoServer.StartAsync(kind);
        await WebSession.CreateUserAsync(server, "ana@example.com", Role.Admin);
        using var web = new WebClient(server);

        var toLogin = await web.GetAsync("/admin/members");
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.Equal("/admin/login", toLogin.Headers.Location!.AbsolutePath);

        var signedIn = await web.LogInAsync("ana@example.com", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/admin/members")).StatusCode);

        // The staff cookie is scoped to /admin and is no credential for the API.
        await TangoServer.ExpectProblemAsync(await web.GetAsync("/v1/members"), 401);
        using var anonymous = server.Client(null);
        await TangoServer.ExpectProblemAsync(await anonymous.GetAsync("/v1/members"), 401);
        await TangoServer.ExpectAsync(await server.Admin.GetAsync("/v1/members"), 200);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_form_without_its_anti_forgery_token_is_refused(StoreUnderTest kind)
    {
        await using var server = await TangoServer.StartAsync(kind);
        await WebSession.CreateUserAsync(server, "ana@example.com", Role.Admin);
        await server.EnrolAsync("alice");
        using var web = new WebClient(server);

        var forged = await web.PostFormAsync("/admin/login", "login",
            new Dictionary<string, string> { ["Form.Tenant"] = "default", ["Form.Email"] = "ana@example.com", ["Form.Password"] = Password }, token: "");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await web.LogInAsync("ana@example.com", Password)).StatusCode);
        var marker = await web.PostFormAsync("/admin/members/alice", "marker",
            new Dictionary<string, string> { ["Marker.Text"] = "forged" }, token: "");
        Assert.Equal(HttpStatusCode.BadRequest, marker.StatusCode);
        var markers = await TangoServer.ExpectAsync(await server.Admin.GetAsync("/v1/members/alice/markers"), 200);
        Assert.Empty(markers["items"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_read_user_sees_a_member_but_cannot_add_a_marker_or_adjust_points(StoreUnderTest kind)
    {
        await using var server = await TangoServer.StartAsync(kind);
        await WebSession.CreateUserAsync(server, "viewer@example.com", Role.Read);
        await server.EnrolAsync("alice");
        using var web = new WebClient(server);
        Assert.Equal(HttpStatusCode.Redirect, (await web.LogInAsync("viewer@example.com", Password)).StatusCode);

        var profile = await web.GetAsync("/admin/members/alice");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.DoesNotContain("data-testid=\"add-marker\"", await profile.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A read user's page has no such forms; posting one anyway is refused (no form to take it, or the role check).
        var marker = await web.PostFormAsync("/admin/members/alice", "marker", new Dictionary<string, string> { ["Marker.Text"] = "not allowed" });
        Assert.True(marker.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, marker.StatusCode.ToString());
        var adjust = await web.PostFormAsync("/admin/members/alice", "adjust",
            new Dictionary<string, string> { ["Adjust.Points"] = "100", ["Adjust.Reason"] = "not allowed" });
        Assert.True(adjust.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, adjust.StatusCode.ToString());

        var markers = await TangoServer.ExpectAsync(await server.Admin.GetAsync("/v1/members/alice/markers"), 200);
        Assert.Empty(markers["items"]!.AsArray());
        Assert.Equal(0, TangoServer.Value<long>((await server.BalanceAsync("alice"))["points"]));
    }

    [Fact]
    public async Task Wrong_passwords_are_throttled_and_even_the_right_one_waits_out_the_window()
    {
        await using var server = await TangoServer.StartAsync(StoreUnderTest.Sqlite);
        await WebSession.CreateUserAsync(server, "ana@example.com", Role.Admin);
        using var web = new WebClient(server);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await web.LogInAsync("ana@example.com", "wrong password " + i)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await web.LogInAsync("ana@example.com", Password)).StatusCode);

        server.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Redirect, (await web.LogInAsync("ana@example.com", Password)).StatusCode);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        await using var server = await TangoServer.StartAsync(StoreUnderTest.Sqlite);
        await WebSession.CreateUserAsync(server, "ana@example.com", Role.Admin);
        using var web = new WebClient(server);
        Assert.Equal(HttpStatusCode.Redirect, (await web.LogInAsync("ana@example.com", Password)).StatusCode);

        var token = await web.TokenAsync("/admin/members");
        var loggedOut = await web.PostFormAsync("/admin/logout", "logout", new Dictionary<string, string>(), token);

        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Equal("/admin/login", loggedOut.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await web.GetAsync("/admin/members")).StatusCode);
    }
}
