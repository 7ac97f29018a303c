using System.Text.Json.Nodes;
using Tango.Store.Tenants;
using Tango.Tests.Harness;
using Tango.Tests.Shared;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Programs;

public sealed class ProgramDocumentTests
{
    /// <summary>The example from API.md, word for word: every key in it must be accepted.</summary>
    internal const string ContractExample = ApiExampleProgram.Json;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_new_tenant_starts_with_one_point_per_whole_euro_rounded_down_and_nothing_else(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var program = await ExpectAsync(await server.Admin.GetAsync("/v1/program"), 200);
        var earned = await server.PurchaseAsync("ann", "o-1", 9.99m);

        Assert.Equal("EUR", Value<string>(program["currency"]));
        Assert.Equal(1m, Value<decimal>(program["earning"]!["pointsPerUnit"]));
        Assert.Equal("down", Value<string>(program["earning"]!["rounding"]));
        Assert.Empty(program.Select(p => p.Key).Except(["currency", "earning", "timeZone", "autoEnrol"]));
        Assert.Empty(program["earning"]!.AsObject().Select(p => p.Key).Except(["pointsPerUnit", "rounding", "rules"]));
        Assert.Empty(program["earning"]!["rules"]?.AsArray() ?? []);
        Assert.Equal(9, Value<long>(earned["pointsEarned"]));
        Assert.Equal(0m, Value<decimal>(earned["walletEarned"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_full_example_of_the_contract_is_accepted_and_read_back(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var put = await server.PutProgramAsync(ContractExample);
        var saved = await ExpectAsync(put, 200);
        var get = await server.Admin.GetAsync("/v1/program");
        var current = await ExpectAsync(get, 200);

        Assert.Equal("1", put.Headers.GetValues("Tango-Program-Version").Single());
        Assert.Equal("1", get.Headers.GetValues("Tango-Program-Version").Single());
        Assert.Equal(saved.ToJsonString(), current.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ContractExample), current),
            $"The stored document differs from the one sent: {current.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_program_with_several_broken_fields_is_one_422_naming_every_one_and_the_previous_version_stays(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":2,"rounding":"down"}}"""), 200);
        var broken = """
            {
              "currency": "XXX",
              "earning": {
                "pointsPerUnit": -1,
                "rounding": "down",
                "rules": [ { "id": "fun", "when": { "daysOfWeek": ["mon", "funday"] }, "multiplier": 2 } ]
              },
              "tiers": [
                { "id": "bronze", "name": "Bronze", "minSpend": 0 },
                { "id": "silver", "name": "Silver", "minSpend": 500 },
                { "id": "gold", "name": "Gold", "minSpend": 300 }
              ],
              "rewards": [ { "id": "rocket", "name": "Rocket", "kind": "spaceship", "costPoints": 10 } ]
            }
            """;

        var response = await server.PutProgramAsync(broken);

        var problem = await ExpectProblemAsync(response, 422);
        var fields = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("currency", fields);
        Assert.Contains("earning.pointsPerUnit", fields);
        Assert.Contains("earning.rules[0].when.daysOfWeek[1]", fields);
        Assert.Contains("tiers[2].minSpend", fields);
        Assert.Contains("rewards[0].kind", fields);
        Assert.Equal(5, fields.Count);
        var current = await server.Admin.GetAsync("/v1/program");
        Assert.Equal(2m, Value<decimal>((await ExpectAsync(current, 200))["earning"]!["pointsPerUnit"]));
        Assert.Equal("1", current.Headers.GetValues("Tango-Program-Version").Single());
        Assert.Single((await ExpectAsync(await server.Admin.GetAsync("/v1/program/versions"), 200))["items"]!.AsArray());
        Assert.Equal(20, Value<long>((await server.PurchaseAsync("ann", "o-1", 10m))["pointsEarned"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_program_with_an_unknown_key_or_a_wrong_type_is_a_422_naming_it(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);

        var misspelt = await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":1,"rouding":"up"}}""");
        var wrongType = await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":"one"}}""");
        var badRounding = await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"sideways"}}""");
        var malformed = await server.PutProgramAsync("""{"currency":"EUR",""");

        await ExpectProblemAsync(misspelt, 422, "earning.rouding");
        await ExpectProblemAsync(wrongType, 422, "earning.pointsPerUnit");
        await ExpectProblemAsync(badRounding, 422, "earning.rounding");
        await ExpectProblemAsync(malformed, 400);
        Assert.Empty((await ExpectAsync(await server.Admin.GetAsync("/v1/program/versions"), 200))["items"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Only_an_admin_may_change_the_program_but_any_key_may_read_it(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        using var reader = server.Client(await server.CreateKeyAsync("default", Role.Read));

        await ExpectProblemAsync(await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":3}}""", reader), 403);

        Assert.Equal(1m, Value<decimal>((await ExpectAsync(await reader.GetAsync("/v1/program"), 200))["earning"]!["pointsPerUnit"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Every_accepted_PUT_adds_a_version_and_each_old_version_can_still_be_read(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"}}"""), 200);
        server.Clock.Advance(TimeSpan.FromDays(1));
        await ExpectAsync(await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":2,"rounding":"up"}}"""), 200);
        server.Clock.Advance(TimeSpan.FromDays(1));
        await ExpectAsync(await server.PutProgramAsync(ContractExample), 200);

        var versions = (await ExpectAsync(await server.Admin.GetAsync("/v1/program/versions"), 200))["items"]!.AsArray();
        var second = await ExpectAsync(await server.Admin.GetAsync("/v1/program/versions/2"), 200);
        var initial = await ExpectAsync(await server.Admin.GetAsync("/v1/program/versions/0"), 200);

        Assert.Equal([3, 2, 1], versions.Select(v => Value<int>(v!["version"])));
        Assert.Equal("2026-11-23T10:00:00Z", Value<string>(versions[2]!["createdAt"]));
        Assert.Equal("2026-11-25T10:00:00Z", Value<string>(versions[0]!["createdAt"]));
        Assert.Equal(2m, Value<decimal>(second["earning"]!["pointsPerUnit"]));
        Assert.Equal("up", Value<string>(second["earning"]!["rounding"]));
        Assert.Equal("EUR", Value<string>(initial["currency"]));
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/program/versions/4"), 404);
    }
}
