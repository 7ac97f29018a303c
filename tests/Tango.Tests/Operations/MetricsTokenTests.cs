using System.Net.Http.Headers;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Operations;

/// <summary>With `--metrics-token`, /metrics answers only scrapers that send the token; without it, it stays open.</summary>
public sealed class MetricsTokenTests
{
    private const string Token = "scrape-token-0123456789";

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task With_a_metrics_token_metrics_without_it_or_with_another_are_401_and_with_it_are_served(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, null, "--metrics-token", Token);
        using var anonymous = server.Client(null);
        using var wrong = server.Client("scrape-token-0123456780");
        using var apiKey = server.Client(AdminKey);
        using var scraper = server.Client(null);
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        var without = await anonymous.GetAsync("/metrics");
        var withWrong = await wrong.GetAsync("/metrics");
        var withApiKey = await apiKey.GetAsync("/metrics");
        var withToken = await scraper.GetAsync("/metrics");

        await ExpectProblemAsync(without, 401);
        Assert.Equal("Bearer", without.Headers.WwwAuthenticate.Single().Scheme);
        await ExpectProblemAsync(withWrong, 401);
        await ExpectProblemAsync(withApiKey, 401);
        Assert.Equal(200, (int)withToken.StatusCode);
        Assert.Contains("# TYPE", await withToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The token opens /metrics only, not the API; health stays open.
        await ExpectProblemAsync(await scraper.GetAsync("/v1/members"), 401);
        await ExpectAsync(await anonymous.GetAsync("/healthz"), 200);
    }
}
