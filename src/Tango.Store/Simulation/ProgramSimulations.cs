using System.Data.Common;
using System.Diagnostics;
using Tango.Domain.Programs;
using Tango.Domain.Simulation;
using Tango.Store.Infrastructure;
using Tango.Store.Programs;

namespace Tango.Store.Simulation;

/// <summary>
/// `POST /v1/program:simulate`: reads the tenant's stored purchases and refunds once, in the order they
/// happened, and replays them under the current and the proposed program side by side. It only reads (on a
/// connection of its own, beside the writers), so nothing is written and nobody waits for it.
/// </summary>
public sealed class ProgramSimulations(Database db, ProgramStore programs, TimeProvider clock)
{
    /// <param name="from">Only orders placed at or after this instant (and refunds of them); null is the beginning.</param>
    /// <param name="to">The end of the replay; null is now.</param>
    public async Task<SimulationRun> RunAsync(string tenantId, ProgramDocument proposed, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken ct = default)
    {
        var end = to ?? clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        var current = await programs.CurrentAsync(connection, null, tenantId);
        var started = Stopwatch.GetTimestamp();
        await WidenReadsAsync(connection, true, ct);
        List<ReplayEvent> events;
        ReplayPeople people;
        try
        {
            events = await ReplayReader.ReadAsync(connection, tenantId, current.Document.Currency, from ?? DateTimeOffset.UnixEpoch, end, ct);
            people = await ReplayReader.ReadPeopleAsync(connection, tenantId);
        }
        finally
        {
            await WidenReadsAsync(connection, false, CancellationToken.None);
        }
        var read = Stopwatch.GetElapsedTime(started);
        var result = ProgramSimulation.Run(current.Document, proposed, events, end, people: people);
        return new SimulationRun(current.Version, from, end, result, read, Stopwatch.GetElapsedTime(started) - read);
    }

    /// <summary>
    /// SQLite reads a million rows with their data much faster from a memory map and a large page cache; the
    /// connection goes back to the pool afterwards, so both return to their defaults.
    /// </summary>
    private static async Task WidenReadsAsync(DbConnection connection, bool wide, CancellationToken ct)
    {
        if (connection is Npgsql.NpgsqlConnection)
        {
            return;
        }
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = wide ? "PRAGMA mmap_size=4294967296; PRAGMA cache_size=-262144;" : "PRAGMA mmap_size=0; PRAGMA cache_size=-2000;";
        await pragma.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>A simulation with what it ran on: the current program's version and the replayed span.</summary>
public sealed record SimulationRun(int CurrentVersion, DateTimeOffset? From, DateTimeOffset To, SimulationResult Result, TimeSpan ReadTime,
    TimeSpan ReplayTime);
