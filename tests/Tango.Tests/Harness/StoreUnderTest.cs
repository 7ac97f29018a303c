using Tango.Tests.Shared;

namespace Tango.Tests.Harness;

public enum StoreUnderTest { Sqlite, Postgres }

/// <summary>Gives each test server a store of its own (see ScratchLocation).</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly ScratchLocation _location;

    private TestStore(ScratchLocation location) => _location = location;

    public string Location => _location.Location;

    public static IEnumerable<object[]> Both => [[StoreUnderTest.Sqlite], [StoreUnderTest.Postgres]];

    public static string PostgresAdmin => ScratchLocation.PostgresAdmin;

    public static async Task<TestStore> CreateAsync(StoreUnderTest kind) =>
        new(await ScratchLocation.CreateAsync(kind == StoreUnderTest.Postgres, "tango-tests"));

    public ValueTask DisposeAsync() => _location.DisposeAsync();
}
