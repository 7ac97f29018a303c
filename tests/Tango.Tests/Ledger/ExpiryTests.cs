using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Ledger;

public sealed class ExpiryTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Points_expire_first_in_first_out_after_their_months(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""{"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down"},"expiry":{"months":12}}"""), 200);
        await server.PurchaseAsync("lea", "jan", 100m, extra: "");
        server.Clock.Advance(TimeSpan.FromDays(60));
        await server.PurchaseAsync("lea", "mar", 50m);
        // Spending 30 takes them from the oldest lot, which is the first to expire.
        await ExpectAsync(await server.Admin.PostAsync("/v1/members/lea/redemptions", Json("""{"points":30}""")), 201);

        var balance = await server.BalanceAsync("lea");
        var expiring = balance["expiring"]!.AsArray();
        Assert.Equal([70L, 50L], expiring.Select(e => Value<long>(e!["points"])));
        Assert.Equal("2027-11-23T10:00:00Z", Value<string>(expiring[0]!["expiresAt"]));

        server.Clock.Advance(TimeSpan.FromDays(306)); // 2027-11-24: the first lot is past its date, the second is not
        await server.RunMaintenanceAsync();
        Assert.Equal(50, Value<long>((await server.BalanceAsync("lea"))["points"]));

        server.Clock.Advance(TimeSpan.FromDays(61));
        await server.RunMaintenanceAsync();
        await server.RunMaintenanceAsync(); // running again finds nothing left to expire
        var ledger = await server.LedgerAsync("lea");
        Assert.Equal([-50L, -70L], ledger.Where(l => Value<string>(l!["kind"]) == "expire").Select(l => Value<long>(l!["amount"])));
        Assert.Equal(0, Value<long>((await server.BalanceAsync("lea"))["points"]));
        Assert.Empty(await server.VerifyAsync());
    }
}
