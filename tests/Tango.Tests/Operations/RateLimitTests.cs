using Tango.Store.Tenants;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Operations;

public sealed class RateLimitTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_key_over_its_rate_gets_429_with_retry_after_and_other_keys_go_on(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, null, "--rate-limit", "2");
        using var busy = server.Client(await server.CreateKeyAsync("default", Role.Read));
        using var other = server.Client(await server.CreateKeyAsync("default", Role.Read));

        // At 2 per second, 10 requests sent back to back cannot all pass.
        var statuses = new List<int>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10; i++)
        {
            var response = await busy.GetAsync("/v1/members");
            statuses.Add((int)response.StatusCode);
            refused ??= (int)response.StatusCode == 429 ? response : null;
        }

        Assert.Equal(200, statuses[0]);
        Assert.NotNull(refused);
        var problem = await ExpectProblemAsync(refused, 429);
        Assert.Equal("urn:tango:problem:rate-limited", Value<string>(problem["type"]));
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await ExpectAsync(await other.GetAsync("/v1/members"), 200);
    }
}
