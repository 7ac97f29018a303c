using System.Net;
using System.Text.RegularExpressions;
using Tango.Tests.Harness;

namespace Tango.Tests.Web;

/// <summary>A cookie-keeping HTTP client that reads a page's anti-forgery token and posts its forms, as a browser would (without one).</summary>
public sealed partial class WebClient : IDisposable
{
    private readonly HttpClient _client;

    public WebClient(TangoServer server)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public CookieContainer Cookies { get; }

    /// <summary>Headers sent with every request (X-Forwarded-For, as a proxy would add them).</summary>
    public System.Net.Http.Headers.HttpRequestHeaders Headers => _client.DefaultRequestHeaders;

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    /// <summary>The anti-forgery token of the page at <paramref name="path"/>.</summary>
    public async Task<string> TokenAsync(string path)
    {
        var html = await (await _client.GetAsync(path)).Content.ReadAsStringAsync();
        var match = Token().Match(html);
        Assert.True(match.Success, $"No anti-forgery token on {path}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Posts the Blazor form <paramref name="handler"/> on the page, with its token unless <paramref name="token"/> is "".</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string handler, IDictionary<string, string> fields, string? token = null)
    {
        token ??= await TokenAsync(path);
        var values = new Dictionary<string, string>(fields) { ["_handler"] = handler };
        if (token.Length > 0)
        {
            values["__csrf"] = token;
        }
        return await _client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    public async Task<HttpResponseMessage> LogInAsync(string email, string password, string tenant = "default") =>
        await PostFormAsync("/admin/login", "login",
            new Dictionary<string, string> { ["Form.Tenant"] = tenant, ["Form.Email"] = email, ["Form.Password"] = password });

    [GeneratedRegex("name=\"__csrf\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public void Dispose() => _client.Dispose();
}
