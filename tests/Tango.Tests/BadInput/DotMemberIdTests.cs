using Tango.Cli;
using Tango.Tests.CliVerbs;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.BadInput;

/// <summary>
/// "." and ".." are not member ids: every URL parser removes them as path segments, so a member so named could never
/// be read, exported or erased. They are refused wherever a member id comes in.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class DotMemberIdTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Dot_ids_are_refused_on_member_creation_events_and_batches_and_nothing_is_stored(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        foreach (var id in new[] { ".", ".." })
        {
            await ExpectProblemAsync(await server.Admin.PostAsync("/v1/members", Json($$"""{"id":"{{id}}"}""")), 422, "id");
            var purchase = await server.PostEventAsync($$$"""{"type":"purchase","memberId":"{{{id}}}","data":{"orderId":"o{{{id.Length}}}","total":10}}""");
            await ExpectProblemAsync(purchase, 422, "memberId");
            var batch = await server.Admin.PostAsync("/v1/events:batch", Json($$$"""
                [{"idempotencyKey":"k{{{id.Length}}}","type":"purchase","memberId":"{{{id}}}","data":{"orderId":"b{{{id.Length}}}","total":10}}]
                """));
            var result = (await ExpectAsync(batch, 200))["results"]!.AsArray().Single()!;
            Assert.Equal(422, Value<int>(result["status"]));
            Assert.True(result["problem"]!["errors"]!.AsObject().ContainsKey("memberId"), result.ToJsonString());
        }
        Assert.Empty((await ExpectAsync(await server.Admin.GetAsync("/v1/members"), 200))["items"]!.AsArray());
        await ExpectAsync(await server.Admin.PostAsync("/v1/members", Json("""{"id":"a.b..c"}""")), 201);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Dot_ids_are_refused_where_other_requests_name_a_member(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        await ExpectProblemAsync(await server.Admin.PostAsync("/v1/tickets", Json("""{"memberId":"..","subject":"Broken mug","channel":"email"}""")), 422, "memberId");
        await ExpectProblemAsync(await server.Admin.PostAsync("/v1/surveys/responses", Json("""{"memberId":".","kind":"nps","score":9}""")), 422, "memberId");
        await ExpectProblemAsync(await server.Admin.PostAsync("/v1/coupons:validate", Json("""{"code":"TG-1","memberId":"..","orderTotal":10}""")), 422, "memberId");
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Import_refuses_rows_with_a_dot_member_id_and_loads_the_rest(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        using var csv = CsvFile.Write(["member_id,order_id,occurred_at,total,type", ".,o-1,2026-01-05,10,purchase", "..,o-2,2026-01-05,10,purchase",
            "ann,o-3,2026-01-05,10,purchase"]);

        var run = await CliRunner.RunAsync(ImportCommand.RunAsync, csv.Path, "--database", store.Location);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("line 2: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 3: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("memberId", run.Error, StringComparison.Ordinal);
        Assert.Equal(["ann 10 0"], await CliRunner.BalancesAsync(store.Location));
    }
}
