using Dapper;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;

namespace Tango.Store.Journeys;

public sealed record JourneySettingsView(decimal GlobalControlPercent, DateTimeOffset? UpdatedAt);

/// <summary>
/// Tenant-wide journey settings. The global control group is a deterministic slice of members (by member
/// alone) held out of every journey, to measure what all journeys together are worth.
/// </summary>
public sealed class JourneySettings(Database db, TimeProvider clock)
{
    public async Task<JourneySettingsView> GetAsync(string tenantId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            "SELECT global_control_percent, updated_at FROM journey_settings WHERE tenant_id = @tenantId", new { tenantId });
        return new JourneySettingsView(row?.GlobalControlPercent ?? 0, row?.UpdatedAt);
    }

    public async Task<StoredResponse> SaveAsync(WriteScope scope, string tenantId, decimal globalControlPercent)
    {
        var now = clock.GetUtcNow();
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO journey_settings (tenant_id, global_control_percent, updated_at) VALUES (@tenantId, @globalControlPercent, @now)
            ON CONFLICT (tenant_id) DO UPDATE SET global_control_percent = excluded.global_control_percent, updated_at = excluded.updated_at
            """, new { tenantId, globalControlPercent, now }, scope.Transaction);
        return Responses.Json(200, new JourneySettingsView(globalControlPercent, now));
    }

    private sealed class Row
    {
        public decimal GlobalControlPercent { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }
}
