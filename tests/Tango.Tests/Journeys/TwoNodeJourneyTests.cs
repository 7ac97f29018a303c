using System.Net.Http.Headers;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Journeys;

/// <summary>Two `tango serve` processes on one PostgreSQL, both running the journey worker every 200 ms.</summary>
public sealed class TwoNodeJourneyTests
{
    private const string Key = "two-node-journey-key";
    private const int Members = 24;

    [Fact]
    public async Task Two_nodes_racing_over_the_same_due_steps_send_each_step_exactly_once()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var store = await TestStore.CreateAsync(StoreUnderTest.Postgres);
        string[] options = ["--smtp", smtp.Url, "--journey-interval", "0.2", "--journey-settle", "2"];
        await using var first = await TangoProcess.StartAsync(store.Location, Key, options);
        await using var second = await TangoProcess.StartAsync(store.Location, Key, options);
        using var a = Client(first.Address);
        using var b = Client(second.Address);
        await ExpectAsync(await a.PutAsync("/v1/journeys/two-steps", Json("""
            {"name":"Two steps","enabled":true,"trigger":{"type":"purchase"},
             "steps":[{"id":"first","type":"send","channel":"email","subject":"First for {{ member.id }}","template":"One"},
                      {"id":"pause","type":"wait","duration":"PT2S"},
                      {"id":"second","type":"send","channel":"email","subject":"Second for {{ member.id }}","template":"Two"}]}
            """)), 201);

        await Task.WhenAll(Enumerable.Range(0, Members).Select(async n =>
        {
            var node = n % 2 == 0 ? a : b;
            await ExpectAsync(await node.PostAsync("/v1/members", Json(
                $$$"""{"id":"m-{{{n}}}","email":"m-{{{n}}}@example.com","consent":{"email":true}}""")), 201);
            var purchase = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
            {
                Content = Json($$$"""{"type":"purchase","memberId":"m-{{{n}}}","data":{"orderId":"o-{{{n}}}","total":10}}"""),
            };
            purchase.Headers.Add("Idempotency-Key", $"p-{n}");
            await ExpectAsync(await node.SendAsync(purchase), 200);
        }));
        await smtp.WaitForAsync(2 * Members, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3)); // several more passes of both workers: nothing more may come
        var mails = smtp.Messages();

        var subjects = mails.Select(m => m.Subject).ToList();
        var expected = Enumerable.Range(0, Members).SelectMany(n => new[] { $"First for m-{n}", $"Second for m-{n}" }).Order().ToList();
        Assert.Equal(expected, subjects.Order());
        Assert.Equal(mails.Count, mails.Select(m => m.MessageId).Distinct().Count());
    }

    private static HttpClient Client(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }
}
