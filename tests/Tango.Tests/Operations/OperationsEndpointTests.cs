using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Operations;

public sealed class OperationsEndpointTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Health_and_readiness_answer_200_without_a_key(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        using var anonymous = server.Client(null);

        var health = await anonymous.GetAsync("/healthz");
        var ready = await anonymous.GetAsync("/readyz");

        await ExpectAsync(health, 200);
        var readiness = await ExpectAsync(ready, 200);
        Assert.Equal(store.ToString().ToLowerInvariant(), Value<string>(readiness["store"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_openapi_document_describes_the_api_including_events_and_members(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        using var anonymous = server.Client(null);

        var response = await anonymous.GetAsync("/openapi/v1.json");

        var document = await ExpectAsync(response, 200);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("3.", Value<string>(document["openapi"]), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();
        Assert.Contains("/v1/events", paths.Select(p => p.Key));
        Assert.Contains("/v1/members", paths.Select(p => p.Key));
        Assert.Contains("/v1/members/{id}", paths.Select(p => p.Key));
        Assert.Contains("/v1/program", paths.Select(p => p.Key));
        Assert.NotNull(paths["/v1/events"]!["post"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_docs_page_answers_html(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        using var anonymous = server.Client(null);

        var response = await anonymous.GetAsync("/docs");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_unknown_route_is_a_404_problem_with_or_without_a_key(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        using var anonymous = server.Client(null);

        var withKey = await server.Admin.GetAsync("/v1/no-such-thing");
        var withoutKey = await anonymous.GetAsync("/no-such-page");
        var post = await server.Admin.PostAsync("/v1/no-such-thing", Json("{}"));

        await ExpectProblemAsync(withKey, 404);
        await ExpectProblemAsync(withoutKey, 404);
        await ExpectProblemAsync(post, 404);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_known_route_with_the_wrong_method_is_a_405_problem(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var response = await server.Admin.DeleteAsync("/v1/program");

        await ExpectProblemAsync(response, 405);
    }
}
