using Microsoft.Extensions.Time.Testing;
using Tango.Store.Infrastructure;
using Tango.Store.Tenants;
using Tango.Store.Tests.Harness;

namespace Tango.Store.Tests.Tenants;

/// <summary>What a node remembers about keys is bounded: in time (a revoked key is refused within the cache's life), in number, and never for keys that do not exist.</summary>
public sealed class ApiKeyCacheTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(ScratchStore.Both), MemberType = typeof(ScratchStore))]
    public async Task Unknown_keys_are_not_remembered_and_known_ones_only_up_to_the_limit(StoreKind kind)
    {
        await using var store = await ScratchStore.CreateAsync(kind);
        var db = await store.OpenMigratedAsync();
        var clock = new FakeTimeProvider(s_now);
        var keys = new ApiKeys(db, clock) { CacheLimit = 3 };
        var made = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            made.Add(await keys.CreateAsync("acme", Role.Read));
        }

        for (var i = 0; i < 1000; i++)
        {
            Assert.Null(await keys.FindAsync(ApiKeys.NewSecret()));
        }
        var unknownRemembered = keys.CachedCount;
        foreach (var key in made)
        {
            Assert.Equal(new KeyOwner("acme", Role.Read), await keys.FindAsync(key));
        }

        Assert.Equal(0, unknownRemembered);
        Assert.Equal(3, keys.CachedCount);
        // Past its trust, a remembered key is asked about again (and refused at once when revoked meanwhile).
        clock.Advance(ApiKeys.CacheFor);
        Assert.Null(keys.Remembered(made[0]));
        Assert.True(keys.KnownRecently(made[0]));
        // Long unused, the room it took is given to others.
        clock.Advance(ApiKeys.KnownFor);
        Assert.False(keys.KnownRecently(made[0]));
        Assert.Equal(new KeyOwner("acme", Role.Read), await keys.FindAsync(made[4]));
        Assert.Equal(1, keys.CachedCount);
    }
}
