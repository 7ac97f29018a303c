using Tango.Store.Tenants;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Auth;

public sealed class TenancyAndRolesTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_key_of_tenant_B_gets_404_for_tenant_As_member(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PurchaseAsync("secret-member", "o-1", 10m);
        using var tenantB = server.Client(await server.CreateKeyAsync("tenant-b", Role.Admin));

        await ExpectProblemAsync(await tenantB.GetAsync("/v1/members/secret-member"), 404);
        await ExpectProblemAsync(await tenantB.GetAsync("/v1/members/secret-member/balance"), 404);
        await ExpectProblemAsync(await tenantB.GetAsync("/v1/members/secret-member/ledger"), 404);
        await ExpectProblemAsync(await tenantB.PostAsync("/v1/members/secret-member/redemptions", Json("""{"points":1}""")), 404);
        var list = await ExpectAsync(await tenantB.GetAsync("/v1/members"), 200);
        Assert.Empty(list["items"]!.AsArray());
        Assert.Equal(10, Value<long>((await server.BalanceAsync("secret-member"))["points"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task No_key_or_an_unknown_key_is_401_and_a_weaker_role_is_403(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        using var anonymous = server.Client(null);
        using var unknown = server.Client("not-a-key");
        using var reader = server.Client(await server.CreateKeyAsync("default", Role.Read));
        using var ingest = server.Client(await server.CreateKeyAsync("default", Role.Ingest));
        await server.EnrolAsync("mo");

        await ExpectProblemAsync(await anonymous.GetAsync("/v1/members/mo"), 401);
        await ExpectProblemAsync(await unknown.GetAsync("/v1/members/mo"), 401);
        await ExpectAsync(await reader.GetAsync("/v1/members/mo"), 200);
        await ExpectProblemAsync(await reader.PostAsync("/v1/members", Json("""{"id":"nope"}""")), 403);
        await ExpectAsync(await ingest.PostAsync("/v1/members", Json("""{"id":"yes"}""")), 201);
        await ExpectProblemAsync(await ingest.PutAsync("/v1/program", Json("""{"currency":"EUR"}""")), 403);
        await ExpectProblemAsync(await ingest.PostAsync("/v1/members/mo/adjustments", Json("""{"points":5,"reason":"x"}""")), 403);
        await ExpectProblemAsync(await ingest.DeleteAsync("/v1/members/mo"), 403);
        await ExpectProblemAsync(await reader.GetAsync("/v1/members/nope"), 404);
    }
}
