using System.Net;
using System.Text.RegularExpressions;
using Tango.Store.Tenants;
using Tango.Tests.Harness;

namespace Tango.Tests.Web;

/// <summary>
/// Dashboard sign-in is throttled per account (5 attempts) and per client address (20), counted in the store before
/// the password is checked: parallel attempts and other nodes cannot get past the count, a typo-prone colleague at
/// the same address locks out only their own account, and X-Forwarded-* are believed only from trusted proxies.
/// </summary>
public sealed partial class LoginThrottleTests
{
    private const string Password = WebSession.Password;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Five_wrong_passwords_lock_that_account_but_not_a_user_of_another_tenant_at_the_same_address(StoreUnderTest kind)
    {
        await using var server = await TangoServer.StartAsync(kind);
        await WebSession.CreateUserAsync(server, "ana@example.com", Role.Admin);
        await WebSession.CreateUserAsync(server, "bob@example.com", Role.Admin, tenant: "acme");
        using var web = new WebClient(server);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await web.LogInAsync("ana@example.com", "wrong password " + i)).StatusCode);
        }
        var ana = await web.LogInAsync("ana@example.com", Password);
        var bob = await web.LogInAsync("bob@example.com", Password, tenant: "acme");

        Assert.Equal(HttpStatusCode.TooManyRequests, ana.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, bob.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Attempts_made_in_parallel_check_no_more_passwords_than_the_limit(StoreUnderTest kind)
    {
        await using var server = await TangoServer.StartAsync(kind);
        await WebSession.CreateUserAsync(server, "ana@example.com", Role.Admin);
        using var web = new WebClient(server);
        var token = await web.TokenAsync("/admin/login");
        var fields = Enumerable.Range(0, 150).Select(i => new Dictionary<string, string>
        {
            ["Form.Tenant"] = "default",
            ["Form.Email"] = "ana@example.com",
            ["Form.Password"] = "wrong password " + i,
        });

        var answers = await Task.WhenAll(fields.Select(f => web.PostFormAsync("/admin/login", "login", f, token)));
        var right = await web.PostFormAsync("/admin/login", "login",
            new Dictionary<string, string> { ["Form.Tenant"] = "default", ["Form.Email"] = "ana@example.com", ["Form.Password"] = Password }, token);

        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(145, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Attempts_on_two_nodes_of_one_store_count_together(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var first = await TangoServer.StartOnAsync(store, TangoServer.Start);
        await using var second = await TangoServer.StartOnAsync(store, TangoServer.Start);
        await WebSession.CreateUserAsync(first, "ana@example.com", Role.Admin);
        using var onFirst = new WebClient(first);
        using var onSecond = new WebClient(second);

        for (var i = 0; i < 5; i++)
        {
            var node = i % 2 == 0 ? onFirst : onSecond;
            Assert.Equal(HttpStatusCode.Unauthorized, (await node.LogInAsync("ana@example.com", "wrong password " + i)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await onFirst.LogInAsync("ana@example.com", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onSecond.LogInAsync("ana@example.com", Password)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Behind_a_trusted_proxy_the_forwarded_address_is_throttled_and_an_https_request_gets_a_secure_cookie(StoreUnderTest kind)
    {
        await using var server = await TangoServer.StartAsync(kind, null, "--trusted-proxies", "127.0.0.1");
        await WebSession.CreateUserAsync(server, "ana@example.com", Role.Admin);

        var signedIn = await ProxiedLogInAsync(server, "198.51.100.7", "ana@example.com", Password);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ProxiedLogInAsync(server, "203.0.113.7", $"guess{i}@example.com", "wrong password")).StatusCode);
        }
        var fromGuesser = await ProxiedLogInAsync(server, "203.0.113.7", "ana@example.com", Password);
        var fromElsewhere = await ProxiedLogInAsync(server, "203.0.113.8", "ana@example.com", Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(StaffCookie(signedIn), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.TooManyRequests, fromGuesser.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fromElsewhere.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Without_trusted_proxies_forwarded_headers_change_neither_the_address_nor_the_scheme(StoreUnderTest kind)
    {
        await using var server = await TangoServer.StartAsync(kind);
        await WebSession.CreateUserAsync(server, "ana@example.com", Role.Admin);

        var signedIn = await ProxiedLogInAsync(server, "198.51.100.7", "ana@example.com", Password);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ProxiedLogInAsync(server, $"203.0.113.{i}", $"guess{i}@example.com", "wrong password")).StatusCode);
        }
        var rotated = await ProxiedLogInAsync(server, "203.0.113.99", "ana@example.com", Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain(StaffCookie(signedIn), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.TooManyRequests, rotated.StatusCode);
    }

    private static IEnumerable<string> StaffCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Where(c => c.StartsWith("tango_staff=", StringComparison.Ordinal)) : [];

    /// <summary>
    /// Signs in as a browser behind a TLS-terminating proxy would: each request says where it came from and that it
    /// came over HTTPS. Cookies go back by hand, since a cookie marked Secure is not sent over this test's plain HTTP.
    /// </summary>
    private static async Task<HttpResponseMessage> ProxiedLogInAsync(TangoServer server, string client, string email, string password)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var page = await http.GetAsync("/admin/login");
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : [];
        var token = WebUtility.HtmlDecode(TokenField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__csrf"] = token,
                ["Form.Tenant"] = "default",
                ["Form.Email"] = email,
                ["Form.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        return await http.SendAsync(post);
    }

    [GeneratedRegex("name=\"__csrf\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
