using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Service;

public sealed class ServiceOpenApiTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_service_endpoints_appear_in_the_openapi_document_with_their_tags(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        using var anonymous = server.Client(null);

        var document = await ExpectAsync(await anonymous.GetAsync("/openapi/v1.json"), 200);

        var paths = document["paths"]!.AsObject();
        var expected = new Dictionary<string, (string Method, string Tag)>
        {
            ["/v1/tickets"] = ("post", "Tickets"),
            ["/v1/tickets/{ticketId}"] = ("patch", "Tickets"),
            ["/v1/surveys/responses"] = ("post", "Surveys"),
            ["/v1/surveys/invitations"] = ("post", "Surveys"),
            ["/v1/surveys/answers/{token}"] = ("post", "Surveys"),
            ["/v1/service/recovery"] = ("get", "Service recovery"),
            ["/v1/service/recovery/{caseId}"] = ("patch", "Service recovery"),
            ["/v1/analytics/service"] = ("get", "Analytics"),
        };
        foreach (var (path, (method, tag)) in expected)
        {
            Assert.True(paths.ContainsKey(path), path);
            var tags = paths[path]![method]!["tags"]!.AsArray().Select(t => Value<string>(t));
            Assert.Contains(tag, tags);
        }
    }
}
