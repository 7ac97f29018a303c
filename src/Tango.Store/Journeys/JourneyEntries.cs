using System.Data.Common;
using Dapper;
using Tango.Domain.Journeys;
using Tango.Store.Infrastructure;

namespace Tango.Store.Journeys;

/// <summary>A trigger that fired for one member: the occasion makes it unique, the context feeds the templates.</summary>
public sealed record Entering(string MemberId, string Occasion, DateTimeOffset TriggerAt, EntryContext Context, DateTimeOffset FirstDueAt);

public enum EntryOutcome { Entered, HeldOut, Duplicate, NotEligible, ReentryRefused, NoMember }

/// <summary>
/// Journey entries: one row per (journey, member, occasion), carrying the index and due time of its next step,
/// so a restart loses nothing and repeats nothing. The unique key makes entering idempotent: reading the same
/// trigger twice, or on two nodes, enters once.
/// </summary>
public sealed class JourneyEntries(TimeProvider clock)
{
    public const int DefaultConversionWindowDays = 7;

    public async Task<EntryOutcome> EnterAsync(WriteScope scope, ActiveJourney journey, Entering entering)
    {
        var c = scope.Connection;
        var args = new { journey.TenantId, journey.Key, entering.MemberId, entering.Occasion };
        var existing = await c.ExecuteScalarAsync<long>(
            """
            SELECT count(*) FROM journey_entries
            WHERE tenant_id = @TenantId AND journey_key = @Key AND member_id = @MemberId AND occasion = @Occasion
            """, args, scope.Transaction);
        if (existing > 0)
        {
            return EntryOutcome.Duplicate;
        }
        var member = await JourneyMembers.FindAsync(c, scope.Transaction, journey.TenantId, entering.MemberId);
        if (member is null || member.ErasedAt is not null)
        {
            return EntryOutcome.NoMember;
        }
        var definition = journey.Definition;
        if (EntryRules.Refusal(definition.Conditions, member.Facts) is not null)
        {
            return EntryOutcome.NotEligible;
        }
        var now = clock.GetUtcNow();
        var last = await c.ExecuteScalarAsync<DateTimeOffset?>(
            "SELECT max(entered_at) FROM journey_entries WHERE tenant_id = @TenantId AND journey_key = @Key AND member_id = @MemberId",
            args, scope.Transaction);
        if (!ReentryPolicies.Allows(ReentryPolicies.Effective(definition), last, now))
        {
            return EntryOutcome.ReentryRefused;
        }
        var group = await HoldoutGroupAsync(scope, journey, entering.MemberId);
        var windowDays = definition.ConversionWindowDays ?? DefaultConversionWindowDays;
        var inserted = await c.ExecuteAsync(
            """
            INSERT INTO journey_entries (tenant_id, entry_id, journey_key, version, member_id, occasion, status, held_out, holdout_group,
                trigger_at, trigger_order_id, context, entered_at, step_index, due_at, window_ends_at, points_granted, finished_at)
            VALUES (@TenantId, @entryId, @Key, @Version, @MemberId, @Occasion, @status, @heldOut, @group,
                @TriggerAt, @OrderId, @context, @now, 0, @dueAt, @windowEndsAt, 0, @finishedAt)
            ON CONFLICT (tenant_id, journey_key, member_id, occasion) DO NOTHING
            """,
            new
            {
                journey.TenantId,
                entryId = Ids.New("jen", clock),
                journey.Key,
                journey.Version,
                entering.MemberId,
                entering.Occasion,
                status = group is null ? EntryStatus.Active : EntryStatus.HeldOut,
                heldOut = group is not null,
                group,
                entering.TriggerAt,
                entering.Context.OrderId,
                context = entering.Context.ToJson(),
                now,
                dueAt = group is null ? (DateTimeOffset?)Later(entering.FirstDueAt, now) : null,
                windowEndsAt = entering.TriggerAt.AddDays(windowDays),
                finishedAt = group is null ? (DateTimeOffset?)null : now,
            }, scope.Transaction);
        return inserted == 0 ? EntryOutcome.Duplicate : group is null ? EntryOutcome.Entered : EntryOutcome.HeldOut;
    }

    /// <summary>
    /// A later trigger for an occasion already entered and still waiting for its first step (a cart updated again)
    /// starts the wait over, from the later trigger, with what it brought. A reread of the same trigger, or an older
    /// one, changes nothing; nor does anything once the first step has run.
    /// </summary>
    /// <returns>Whether the wait started over.</returns>
    public static async Task<bool> RestartAsync(WriteScope scope, ActiveJourney journey, Entering entering) =>
        await scope.Connection.ExecuteAsync(
            """
            UPDATE journey_entries SET trigger_at = @TriggerAt, due_at = @FirstDueAt, context = @context, window_ends_at = @windowEndsAt
            WHERE tenant_id = @TenantId AND journey_key = @Key AND member_id = @MemberId AND occasion = @Occasion
              AND status = 'active' AND step_index = 0 AND due_at IS NOT NULL AND trigger_at < @TriggerAt
            """,
            new
            {
                entering.TriggerAt,
                entering.FirstDueAt,
                context = entering.Context.ToJson(),
                windowEndsAt = entering.TriggerAt.AddDays(journey.Definition.ConversionWindowDays ?? DefaultConversionWindowDays),
                journey.TenantId,
                journey.Key,
                entering.MemberId,
                entering.Occasion,
            }, scope.Transaction) > 0;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>"global" for the tenant's global control group, "journey" for this journey's holdout, null when treated.</summary>
    private static async Task<string?> HoldoutGroupAsync(WriteScope scope, ActiveJourney journey, string memberId)
    {
        var key = "journey-global-control:" + journey.TenantId;
        if (!scope.Cache.TryGetValue(key, out var cached))
        {
            cached = scope.Cache[key] = await scope.Connection.ExecuteScalarAsync<decimal?>(
                "SELECT global_control_percent FROM journey_settings WHERE tenant_id = @TenantId", new { journey.TenantId }, scope.Transaction) ?? 0m;
        }
        // The global control group is the same members for every journey: the hash does not name one.
        if (Holdout.IsHeldOut("", memberId, (decimal)cached))
        {
            return "global";
        }
        return Holdout.IsHeldOut(journey.Key, memberId, journey.Definition.HoldoutPercent ?? 0) ? "journey" : null;
    }

    /// <summary>
    /// Entries whose next step is due, locked for this transaction. On PostgreSQL another node's claim skips
    /// them (SKIP LOCKED), so two nodes never run one step twice; SQLite has one writer at a time anyway.
    /// </summary>
    public static async Task<IReadOnlyList<EntryRow>> ClaimDueAsync(WriteScope scope, DateTimeOffset now, int limit)
    {
        var skipLocked = scope.Db.Kind == StoreKind.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
        return (await scope.Connection.QueryAsync<EntryRow>(
            $"SELECT {EntryRow.Columns} FROM journey_entries WHERE due_at <= @now ORDER BY due_at, entry_id LIMIT {limit}{skipLocked}",
            new { now }, scope.Transaction)).ToList();
    }

    public static Task SaveAsync(WriteScope scope, EntryRow row) =>
        scope.Connection.ExecuteAsync(
            """
            UPDATE journey_entries SET status = @Status, step_index = @StepIndex, due_at = @DueAt, points_granted = @PointsGranted,
                exit_reason = @ExitReason, finished_at = @FinishedAt
            WHERE tenant_id = @TenantId AND entry_id = @EntryId
            """, row, scope.Transaction);

    /// <summary>Is the entering order the member's first (none other at or before its time)?</summary>
    public static async Task<bool> IsFirstOrderAsync(WriteScope scope, string tenantId, string memberId, Entering entering) =>
        await scope.Connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM orders WHERE tenant_id = @tenantId AND member_id = @memberId AND order_id <> @orderId AND occurred_at <= @at",
            new { tenantId, memberId, orderId = entering.Context.OrderId, at = entering.TriggerAt }, scope.Transaction) == 0;

    /// <summary>Did the member buy after the trigger (the triggering order itself does not count)?</summary>
    public static async Task<bool> PurchasedSinceAsync(DbConnection connection, DbTransaction? tx, EntryRow entry) =>
        await connection.ExecuteScalarAsync<long>(
            """
            SELECT count(*) FROM orders
            WHERE tenant_id = @TenantId AND member_id = @MemberId AND occurred_at >= @TriggerAt AND order_id <> @order
            """, new { entry.TenantId, entry.MemberId, entry.TriggerAt, order = entry.TriggerOrderId ?? "" }, tx) > 0;

    /// <summary>The type and data of the member's events of these types since the trigger.</summary>
    public static async Task<IReadOnlyList<(string Type, string Data)>> EventsSinceAsync(DbConnection connection, DbTransaction? tx, EntryRow entry,
        IReadOnlyCollection<string> types) =>
        (await connection.QueryAsync<(string Type, string Data)>(
            $"""
            SELECT type, data FROM events
            WHERE tenant_id = @TenantId AND member_id = @MemberId AND {InList.Sql(connection, "type", "types")} AND occurred_at >= @TriggerAt
            """, new { entry.TenantId, entry.MemberId, types = types.ToArray(), entry.TriggerAt }, tx)).ToList();
}

/// <summary>Entry states, as stored and shown.</summary>
public static class EntryStatus
{
    public const string Active = "active";
    public const string Completed = "completed";
    public const string Exited = "exited";
    public const string HeldOut = "held-out";
    public const string Failed = "failed";
}

public sealed class EntryRow
{
    public const string Columns = """
        tenant_id, entry_id, journey_key, version, member_id, occasion, status, held_out, holdout_group, trigger_at, trigger_order_id,
        context, entered_at, step_index, due_at, window_ends_at, points_granted, exit_reason, finished_at
        """;

    public string TenantId { get; init; } = "";
    public string EntryId { get; init; } = "";
    public string JourneyKey { get; init; } = "";
    public int Version { get; init; }
    public string MemberId { get; init; } = "";
    public string Occasion { get; init; } = "";
    public string Status { get; set; } = "";
    public bool HeldOut { get; init; }
    public string? HoldoutGroup { get; init; }
    public DateTimeOffset TriggerAt { get; init; }
    public string? TriggerOrderId { get; init; }
    public string Context { get; init; } = "{}";
    public DateTimeOffset EnteredAt { get; init; }
    public int StepIndex { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset WindowEndsAt { get; init; }
    public long PointsGranted { get; set; }
    public string? ExitReason { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Ends the entry: no step is due any more.</summary>
    public void Finish(string status, string? reason, DateTimeOffset now)
    {
        Status = status;
        ExitReason = reason;
        DueAt = null;
        FinishedAt = now;
    }
}
