using System.Runtime.CompilerServices;
using Tango.Domain.Purchases;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Events;

/// <summary>One purchase of a batch with what it is decided by: its program, the id its event gets and the batch's instant.</summary>
internal sealed record PurchaseItem(PurchaseInput Input, ProgramVersion Program, string EventId, DateTimeOffset Now)
{
    private static readonly ConditionalWeakTable<Domain.Programs.ProgramDocument, PurchaseRules> s_rules = new();

    public EventCommand Command => Input.Command;

    public string OrderId => Input.Command.Purchase!.OrderId;

    /// <summary>The program made ready for the decision, once per program version (the store keeps one document per version).</summary>
    public PurchaseRules Rules { get; } = s_rules.GetValue(Program.Document, doc => new PurchaseRules(doc));

    public bool WantsReferral => Program.Document.Referral is not null;
}

/// <summary>
/// What a run of purchases needs from the store, member locks first: the keys' records, which orders already exist,
/// and each purchasing member's state (see <see cref="MemberState"/>): its row, its orders and challenge completions
/// around its purchases when the program's tiers, limits or challenges look at them, and its pending referral when the
/// program has referral terms.
/// </summary>
internal sealed class PurchaseReads
{
    public Dictionary<(string Tenant, string Key), KeyRecord> Keys { get; } = [];

    public HashSet<(string Tenant, string OrderId)> Orders { get; } = [];

    public Dictionary<(string Tenant, string Member), MemberState> States { get; } = [];

    /// <summary>What one member's purchases in the batch need read: the orders in [Since, Until], completions, the referral.</summary>
    internal sealed record MemberNeeds(string MemberId, DateTimeOffset Since, DateTimeOffset Until, bool Orders, bool Completions, bool Referral);

    /// <summary>Each member's needs over all of its purchases in the batch, for one tenant.</summary>
    public static List<MemberNeeds> NeedsOf(IEnumerable<PurchaseItem> items) =>
        items.GroupBy(i => i.Command.MemberId, StringComparer.Ordinal).Select(g =>
        {
            var horizons = g.Select(i => i.Rules.Horizon(i.Command.OccurredAt, i.Now)).ToList();
            return new MemberNeeds(g.Key, horizons.Min(h => h.From), horizons.Max(h => h.To), g.Any(i => i.Rules.ReadsOrders),
                g.Any(i => i.Rules.Challenges.Count > 0), g.Any(i => i.WantsReferral));
        }).ToList();

    public static Task<PurchaseReads> ReadAsync(WriteScope scope, IReadOnlyList<PurchaseItem> items) =>
        scope.Db.Kind == StoreKind.Postgres ? PurchaseSetReads.ReadAsync(scope, items) : PurchaseRowReads.ReadAsync(scope, items);

    /// <summary>A member as its row has it (none: a member this purchase may enrol).</summary>
    public static MemberState StateOf(string memberId, MemberRow? row) => row is null
        ? new MemberState(memberId)
        : new MemberState(memberId)
        {
            Enrolled = true,
            Erased = row.ErasedAt is not null,
            Balance = row.PointsBalance,
            WalletMinor = row.WalletMinor,
            TierId = row.TierId,
            Email = row.Email,
            Phone = row.Phone,
        };

    public void AddOrders(string tenant, string memberId, IEnumerable<OrderFact> orders) =>
        Update(tenant, memberId, s => s with { Orders = s.Orders.AddRange(orders) });

    public void AddCompletions(string tenant, string memberId, IEnumerable<ChallengeCompletion> completions) =>
        Update(tenant, memberId, s => s with { Completions = s.Completions.AddRange(completions) });

    public void Update(string tenant, string memberId, Func<MemberState, MemberState> change)
    {
        var key = (tenant, memberId);
        States[key] = change(States.GetValueOrDefault(key) ?? new MemberState(memberId));
    }

    /// <summary>The columns an order is read with, as <see cref="OrderRow"/> maps them.</summary>
    public const string OrderColumns =
        "o.order_id, o.occurred_at, o.total_minor, o.refunded_minor, o.points_earned, o.points_clawed, o.wallet_earned, o.wallet_clawed";
}

/// <summary>An order as the purchase path reads it.</summary>
internal sealed class OrderRow
{
    public string MemberId { get; init; } = "";
    public string OrderId { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
    public long TotalMinor { get; init; }
    public long RefundedMinor { get; init; }
    public long PointsEarned { get; init; }
    public long PointsClawed { get; init; }
    public long WalletEarned { get; init; }
    public long WalletClawed { get; init; }

    public OrderFact Fact => new(OrderId, OccurredAt, TotalMinor, PointsEarned, WalletEarned)
    {
        RefundedMinor = RefundedMinor,
        PointsClawed = PointsClawed,
        WalletClawedMinor = WalletClawed,
    };
}

/// <summary>A challenge completion as the purchase path reads it.</summary>
internal sealed class CompletionRow
{
    public string MemberId { get; init; } = "";
    public string ChallengeId { get; init; } = "";
    public DateTimeOffset FirstAt { get; init; }
    public DateTimeOffset LastAt { get; init; }

    public ChallengeCompletion Completion => new(ChallengeId, new Domain.Challenges.CompletedSpan(FirstAt, LastAt));
}

/// <summary>A pending referral as the purchase path reads it.</summary>
internal sealed class PendingRow
{
    public string FriendId { get; init; } = "";
    public string ReferrerId { get; init; } = "";
    public string? FriendEmail { get; init; }
    public string? FriendPhone { get; init; }
    public DateTimeOffset AttributedAt { get; init; }

    public PendingReferral Pending => new(ReferrerId, AttributedAt, FriendEmail, FriendPhone);
}
