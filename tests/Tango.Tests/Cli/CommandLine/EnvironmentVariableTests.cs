using System.Net;
using System.Net.Http.Headers;
using Tango.Tests.Harness;

namespace Tango.Tests.CliVerbs.CommandLine;

public sealed class EnvironmentVariableTests
{
    private const string AdminKey = "env-admin-key-0123456789";

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_server_set_up_by_TANGO_variables_alone_honours_each_of_them(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var server = await TangoProcess.StartFromEnvironmentAsync(new Dictionary<string, string>
        {
            ["TANGO_URLS"] = $"http://127.0.0.1:{TangoProcess.FreePort()}",
            ["TANGO_DATABASE"] = store.Location,
            ["TANGO_BOOTSTRAP_ADMIN_KEY"] = AdminKey,
            ["TANGO_PUBLIC_URL"] = "https://loyalty.example.com/",
            ["TANGO_RATE_LIMIT"] = "1",
            ["TANGO_LOG_FORMAT"] = "json",
            ["TANGO_WRITERS"] = "3",
        });
        using var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);

        await TangoServer.ExpectAsync(await client.PostAsync("/v1/members", TangoServer.Json("""{"id":"alice"}""")), 201);
        var burst = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            burst.Add((await client.GetAsync("/v1/members/alice")).StatusCode);
        }
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var link = await TangoServer.ExpectAsync(await client.PostAsync("/v1/members/alice/portal-link", null), 200);

        Assert.Contains(HttpStatusCode.TooManyRequests, burst);
        Assert.StartsWith("https://loyalty.example.com/portal/enter?token=", TangoServer.Value<string>(link["url"]), StringComparison.Ordinal);
        Assert.Equal(1, await CliRunner.CountAsync(store.Location, "members"));
        Assert.NotEmpty(server.Output);
        Assert.All(server.Output, line => Assert.StartsWith("{", line, StringComparison.Ordinal));
    }
}
