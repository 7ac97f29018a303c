using Tango.Store.Tenants;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Auth;

/// <summary>`/v1/keys`: list (never the key), make (the key shown once), revoke (refused on every node within a second).</summary>
public sealed class ApiKeyTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_admin_makes_lists_and_revokes_a_key_and_the_revoked_key_is_refused_on_every_node_within_a_second(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var first = await StartOnAsync(store, Start);
        await using var second = await StartOnAsync(store, Start);

        var made = await ExpectAsync(await first.Admin.PostAsync("/v1/keys", Json("""{"role":"read"}""")), 201);
        var keyId = Value<string>(made["keyId"]);
        var key = Value<string>(made["key"]);
        using var onFirst = first.Client(key);
        using var onSecond = second.Client(key);
        await ExpectAsync(await onFirst.GetAsync("/v1/members"), 200);
        await ExpectAsync(await onSecond.GetAsync("/v1/members"), 200); // the second node now remembers it
        await ExpectProblemAsync(await onFirst.GetAsync("/v1/keys"), 403);
        var listed = await first.Admin.GetAsync("/v1/keys");
        var listedText = await listed.Content.ReadAsStringAsync();

        await ExpectAsync(await first.Admin.DeleteAsync($"/v1/keys/{keyId}"), 204);

        await ExpectProblemAsync(await onFirst.GetAsync("/v1/members"), 401);
        second.Clock.Advance(TimeSpan.FromSeconds(1));
        await ExpectProblemAsync(await onSecond.GetAsync("/v1/members"), 401);
        await ExpectAsync(await second.Admin.GetAsync("/v1/members"), 200);

        Assert.Equal(200, (int)listed.StatusCode);
        Assert.DoesNotContain(key, listedText, StringComparison.Ordinal);
        var items = (await ExpectAsync(await second.Admin.GetAsync("/v1/keys"), 200))["items"]!.AsArray();
        Assert.Equal(2, items.Count); // the bootstrap admin key and this one
        var revoked = Assert.Single(items, k => Value<string>(k!["keyId"]) == keyId)!;
        Assert.Equal("read", Value<string>(revoked["role"]));
        Assert.Equal(Start, Value<DateTimeOffset>(revoked["createdAt"]));
        Assert.Equal(Start, Value<DateTimeOffset>(revoked["lastUsedAt"]));
        Assert.Equal(Start, Value<DateTimeOffset>(revoked["revokedAt"]));
        Assert.False(revoked.AsObject().ContainsKey("key"));
        Assert.All(items, k => Assert.Equal(["keyId", "role", "createdAt", "lastUsedAt", "revokedAt"], k!.AsObject().Select(p => p.Key)));
        // Revoking again changes nothing; another tenant's key or no key at all is not found.
        await ExpectAsync(await first.Admin.DeleteAsync($"/v1/keys/{keyId}"), 204);
        await ExpectProblemAsync(await first.Admin.DeleteAsync("/v1/keys/key_0000000000000000"), 404);
        var otherTenants = ApiKeys.IdOfKey(await first.CreateKeyAsync("other", Role.Admin));
        await ExpectProblemAsync(await first.Admin.DeleteAsync($"/v1/keys/{otherTenants}"), 404);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_key_whose_row_is_deleted_from_the_store_stops_working_within_a_second(StoreUnderTest kind)
    {
        await using var server = await StartAsync(kind);
        var key = await server.CreateKeyAsync("default", Role.Read);
        using var client = server.Client(key);
        await ExpectAsync(await client.GetAsync("/v1/members"), 200);

        await using (var db = Tango.Store.Infrastructure.Database.Open(server.DatabaseLocation))
        await using (var connection = await db.OpenConnectionAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"DELETE FROM api_keys WHERE key_hash = '{ApiKeys.Hash(key)}'";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        server.Clock.Advance(TimeSpan.FromSeconds(1));

        await ExpectProblemAsync(await client.GetAsync("/v1/members"), 401);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task With_an_idempotency_key_the_key_is_shown_once_and_a_replay_answers_its_id_without_it(StoreUnderTest kind)
    {
        await using var server = await StartAsync(kind);

        var firstTime = await server.Admin.SendAsync(KeyRequest("""{"role":"ingest"}""", "make-ingest-key"));
        var again = await server.Admin.SendAsync(KeyRequest("""{"role":"ingest"}""", "make-ingest-key"));
        var bad = await server.Admin.PostAsync("/v1/keys", Json("""{"role":"owner"}"""));
        var unknownField = await server.Admin.PostAsync("/v1/keys", Json("""{"role":"read","tenant":"other"}"""));

        var made = await ExpectAsync(firstTime, 201);
        var replayed = await ExpectAsync(again, 201);
        var key = Value<string>(made["key"]);
        Assert.Equal(Value<string>(made["keyId"]), Value<string>(replayed["keyId"]));
        Assert.Null(replayed["key"]);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        using var ingest = server.Client(key);
        await ExpectAsync(await ingest.PostAsync("/v1/members", Json("""{"id":"ann"}""")), 201);
        await ExpectProblemAsync(bad, 422, "role");
        await ExpectProblemAsync(unknownField, 422);
        var keys = (await ExpectAsync(await server.Admin.GetAsync("/v1/keys"), 200))["items"]!.AsArray();
        Assert.Equal(2, keys.Count);
        // The key is in no stored response.
        await using var db = Tango.Store.Infrastructure.Database.Open(server.DatabaseLocation);
        await using var connection = await db.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM idempotency_keys WHERE response LIKE '%' || @key || '%'";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        Assert.Equal(0L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static HttpRequestMessage KeyRequest(string json, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/keys") { Content = Json(json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Spaces_after_Bearer_are_the_same_key_with_the_same_rate_budget(StoreUnderTest kind)
    {
        await using var server = await StartAsync(kind, null, "--rate-limit", "2");
        var key = await server.CreateKeyAsync("default", Role.Read);
        using var client = server.Client(null);

        var statuses = new List<int>();
        for (var spaces = 1; spaces <= 10; spaces++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/members");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer" + new string(' ', spaces) + key + new string(' ', spaces - 1));
            statuses.Add((int)(await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(200, statuses[0]);
        Assert.Contains(429, statuses);
        Assert.DoesNotContain(401, statuses);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Unknown_keys_from_one_address_get_429_before_they_are_looked_up_and_a_known_key_goes_on(StoreUnderTest kind)
    {
        await using var server = await StartAsync(kind);
        var known = await server.CreateKeyAsync("default", Role.Read);
        using var knownClient = server.Client(known);
        await ExpectAsync(await knownClient.GetAsync("/v1/members"), 200);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 60; i++)
        {
            using var guesser = server.Client(ApiKeys.NewSecret());
            answers.Add(await guesser.GetAsync("/v1/members"));
        }

        var unauthorized = answers.Count(a => (int)a.StatusCode == 401);
        var refused = answers.Where(a => (int)a.StatusCode == 429).ToList();
        Assert.Equal(Tango.Auth.KeyGuessThrottle.Burst, unauthorized);
        Assert.Equal(60 - Tango.Auth.KeyGuessThrottle.Burst, refused.Count);
        var problem = await ExpectProblemAsync(refused[0], 429);
        Assert.Equal("urn:tango:problem:rate-limited", Value<string>(problem["type"]));
        Assert.Equal(TimeSpan.FromSeconds(1), refused[0].Headers.RetryAfter?.Delta);
        Assert.Equal(1, server.Services.GetService(typeof(ApiKeys)) is ApiKeys keys ? keys.CachedCount : -1);
        // One more guess a second; the real key, looked up again once its second is up, is no guess and goes on.
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        using var later = server.Client(ApiKeys.NewSecret());
        await ExpectProblemAsync(await later.GetAsync("/v1/members"), 401);
        await ExpectProblemAsync(await later.GetAsync("/v1/members"), 429);
        await ExpectAsync(await knownClient.GetAsync("/v1/members"), 200);
    }
}
