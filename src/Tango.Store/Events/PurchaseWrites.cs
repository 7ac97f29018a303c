using Dapper;
using Tango.Store.Challenges;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Referrals;

namespace Tango.Store.Events;

internal sealed record OrderWrite(string TenantId, string OrderId, string MemberId, string EventId, DateTimeOffset At, string Currency,
    long TotalMinor, long Points, long WalletMinor, int ProgramVersion);

/// <summary>How a batch moves one member: the sums of its purchases, and the tier after the last of them.</summary>
internal sealed class BalanceMove(string tenantId, string memberId)
{
    public string TenantId => tenantId;
    public string MemberId => memberId;
    public long Points { get; set; }
    public long WalletMinor { get; set; }
    public string? TierId { get; set; }
}

/// <summary>
/// Everything a run of purchases writes, gathered table by table while the purchases are decided, then
/// written at once: on PostgreSQL one round trip of one set-based statement per table (see
/// <see cref="PurchaseSetWrites"/>); on SQLite per-row statements prepared once (see <see cref="PurchaseRowWrites"/>).
/// </summary>
internal sealed class PurchaseWrites(DateTimeOffset now)
{
    public DateTimeOffset Now => now;
    public List<(string TenantId, string MemberId)> Enrolments { get; } = [];
    public List<(EventCommand Command, string EventId)> Events { get; } = [];
    public List<OrderWrite> Orders { get; } = [];
    public List<(string TenantId, LedgerLine Line, LotWrite? Lot)> Lines { get; } = [];
    public List<BalanceMove> Moves { get; } = [];
    public List<(IdempotencyKey Key, StoredResponse Response)> Keys { get; } = [];
    public List<CompletionWrite> Completions { get; } = [];
    public List<ReferralSettlement> Settlements { get; } = [];
    public List<QualificationWrite> Qualifications { get; } = [];
    public List<(string TenantId, string MemberId, string Hash)> Cards { get; } = [];
    public List<(string TenantId, string MemberId, Tiers.TierChange Change)> TierChanges { get; } = [];
    public List<(string TenantId, string MemberId, string Occasion)> SurpriseOccasions { get; } = [];

    /// <summary>The events of history purchases (see <see cref="Domain.Programs.HistoryPolicy"/>): what they complete is not announced.</summary>
    public HashSet<string> HistoryEvents { get; } = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), BalanceMove> _moves = [];

    public void Move(string tenantId, string memberId, long points, long walletMinor, string? tierAfter)
    {
        if (!_moves.TryGetValue((tenantId, memberId), out var move))
        {
            _moves[(tenantId, memberId)] = move = new BalanceMove(tenantId, memberId);
            Moves.Add(move);
        }
        move.Points = checked(move.Points + points);
        move.WalletMinor = checked(move.WalletMinor + walletMinor);
        move.TierId = tierAfter;
    }

    public async Task WriteAsync(WriteScope scope)
    {
        if (scope.Db.Kind == StoreKind.Postgres)
        {
            await PurchaseSetWrites.WriteAsync(scope, this);
        }
        else
        {
            await PurchaseRowWrites.WriteAsync(scope, this);
            await WriteExtrasEachAsync(scope);
        }
        await PurchaseAnnouncements.WriteAsync(scope, this);
    }

    /// <summary>SQLite: challenge completions, referral settlements and qualifications, card hashes, row by row.</summary>
    private async Task WriteExtrasEachAsync(WriteScope scope)
    {
        foreach (var completion in Completions)
        {
            await scope.Connection.ExecuteAsync(CompletionSql.InsertSql, CompletionSql.Args(completion, now), scope.Transaction);
        }
        foreach (var settled in Settlements)
        {
            await scope.Connection.ExecuteAsync(ReferralSql.SettleSql, ReferralSql.SettleArgs(settled, now), scope.Transaction);
        }
        foreach (var paid in Qualifications)
        {
            await scope.Connection.ExecuteAsync(ReferralSql.QualifySql, ReferralSql.QualifyArgs(paid, now), scope.Transaction);
        }
        foreach (var (tenantId, memberId, hash) in Cards)
        {
            await scope.Connection.ExecuteAsync(ReferralSql.CardSql, new { tenantId, memberId, hash, now }, scope.Transaction);
        }
    }
}
