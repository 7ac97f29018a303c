using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.BadInput;

/// <summary>
/// Answers the framework makes by itself (no route, a method or body type a route does not take, a request that
/// cannot be read, an exception) are Tango problems like every other: a urn:tango:problem type, title, status, detail.
/// </summary>
public sealed class FrameworkProblemTests
{
    private const string FailingPath = "/v1/test-failure";

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Unknown_routes_wrong_methods_and_wrong_body_types_answer_tango_problems_with_a_detail(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        await ExpectTangoProblemAsync(await server.Admin.GetAsync("/v1/no-such-thing"), 404, "not-found");
        var wrongMethod = await server.Admin.DeleteAsync("/v1/program");
        var problem = await ExpectTangoProblemAsync(wrongMethod, 405, "method-not-allowed");
        Assert.Contains("GET, PUT", Value<string>(problem["detail"]), StringComparison.Ordinal);
        await ExpectTangoProblemAsync(await server.Admin.PostAsync("/v1/members", new StringContent("""{"id":"x"}""", Encoding.UTF8, "text/plain")),
            415, "unsupported-media-type");
        await ExpectTangoProblemAsync(await server.Admin.PostAsync("/v1/events", new StringContent("a=b", Encoding.UTF8, "application/x-www-form-urlencoded")),
            415, "unsupported-media-type");
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_body_that_breaks_http_framing_is_a_400_tango_problem(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        // A chunked body whose chunk size is not hexadecimal: Kestrel refuses it while the endpoint reads the body.
        var answer = await RawAsync(server, "POST /v1/members HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + AdminKey +
            "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        var problem = JsonNode.Parse(answer[answer.IndexOf('{', StringComparison.Ordinal)..answer.LastIndexOf('}')] + "}")!.AsObject();
        AssertTangoProblem(problem, 400, "bad-request");
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_unexpected_exception_is_a_500_tango_problem(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, services => services.AddSingleton<IStartupFilter>(new FailingEndpoint()));

        await ExpectTangoProblemAsync(await server.Admin.GetAsync(FailingPath), 500, "internal");
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_member_patch_sent_as_application_json_is_applied_as_a_merge_patch(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");

        var asJson = await server.Admin.PatchAsync("/v1/members/ann", Json("""{"name":"Ann Lee"}"""));
        var asMergePatch = await server.Admin.PatchAsync("/v1/members/ann",
            new StringContent("""{"phone":"+44 20 7946 0000"}""", Encoding.UTF8, "application/merge-patch+json"));

        Assert.Equal("Ann Lee", Value<string>((await ExpectAsync(asJson, 200))["name"]));
        await ExpectAsync(asMergePatch, 200);
        var member = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann"), 200);
        Assert.Equal(("Ann Lee", "+44 20 7946 0000"), (Value<string>(member["name"]), Value<string>(member["phone"])));
    }

    private static async Task<JsonObject> ExpectTangoProblemAsync(HttpResponseMessage response, int status, string name)
    {
        var problem = await ExpectProblemAsync(response, status);
        AssertTangoProblem(problem, status, name);
        return problem;
    }

    private static void AssertTangoProblem(JsonObject problem, int status, string name)
    {
        Assert.Equal("urn:tango:problem:" + name, Value<string>(problem["type"]));
        Assert.Equal(status, Value<int>(problem["status"]));
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), problem.ToJsonString());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), problem.ToJsonString());
    }

    private static async Task<string> RawAsync(TangoServer server, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Address.Host, server.Address.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = new StringBuilder();
        var buffer = new char[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (await reader.ReadAsync(buffer, timeout.Token) is var read and > 0)
            {
                answer.Append(buffer, 0, read);
                if (answer.ToString().Contains("}\r\n0\r\n\r\n", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        return answer.ToString();
    }

    /// <summary>A route of the test's own, after every Tango endpoint, that fails as a bug would.</summary>
    private sealed class FailingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) => context.Request.Path == FailingPath
                ? throw new InvalidOperationException("A bug.")
                : nextMiddleware(context));
        };
    }
}
