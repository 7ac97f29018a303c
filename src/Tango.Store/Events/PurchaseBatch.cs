using Tango.Store.Challenges;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Events;

/// <summary>One purchase for the batched write path, with the Idempotency-Key it came with.</summary>
public sealed record PurchaseInput(EventCommand Command, IdempotencyKey? Key);

/// <summary>Purchases as batchable work: the write queue hands a batch's neighbouring purchases over together.</summary>
public sealed class PurchaseBatch(ProgramStore programs, TimeProvider clock, Rewards.Surprises? surprises = null) : IBatchWork<PurchaseInput, StoredResponse>
{
    public Task<IReadOnlyList<StoredResponse>> RunManyAsync(WriteScope scope, IReadOnlyList<PurchaseInput> inputs) =>
        Purchases.RunManyAsync(scope, inputs, programs, clock, surprises);
}

/// <summary>
/// What the purchases decided earlier in the same batch changed, so later ones see it as if it had been
/// read from the store: balances and tier, enrolments, orders, keys, and the tier window; challenge completions,
/// settled referrals, referrals paid per referrer, and card fingerprints.
/// </summary>
internal sealed class BatchState
{
    private readonly Dictionary<(string, string), MemberRow> _members = [];
    private readonly HashSet<(string, string)> _orders = [];
    private readonly Dictionary<(string, string), KeyRecord> _keys = [];
    private readonly Dictionary<(string, string), List<(DateTimeOffset At, long SpendMinor, long Points)>> _windows = [];
    private readonly Dictionary<(string, string), List<StoredCompletion>> _completions = [];
    private readonly HashSet<(string, string)> _settled = [];
    private readonly List<(string TenantId, string ReferrerId, DateTimeOffset At)> _paid = [];
    private readonly Dictionary<(string, string), HashSet<string>> _cards = [];

    public PurchaseRead Adjust(PurchaseItem item, PurchaseRead read)
    {
        var (input, command) = (item.Input, item.Command);
        var memberKey = (command.TenantId, command.MemberId);
        var member = _members.TryGetValue(memberKey, out var seen) ? seen : read.Member;
        var duplicate = read.Duplicate || _orders.Contains((command.TenantId, command.Purchase!.OrderId));
        var key = input.Key is { } k && _keys.TryGetValue((k.TenantId, k.Key), out var earlier) ? earlier : read.Key;
        var window = read.Window;
        var earned = read.Earned;
        if (_windows.TryGetValue(memberKey, out var earlierOrders))
        {
            // The window and the period earnings were read before this batch wrote anything; add what the batch bought.
            var (since, until) = (item.WindowStart, item.TierAt);
            foreach (var (at, spend, points) in earlierOrders)
            {
                window = at > since && at <= until ? window.With(spend, points) : window;
                earned = item.LimitPeriods is { } periods ? earned.With(at, points, periods) : earned;
            }
        }
        return read with { Key = key, Member = member, Duplicate = duplicate, Window = window, Earned = earned };
    }

    public void Record(PurchaseInput input, StoredResponse response, Purchases.Effect? effect)
    {
        var command = input.Command;
        if (input.Key is { } key)
        {
            _keys[(key.TenantId, key.Key)] = new KeyRecord { RequestHash = key.RequestHash, Status = response.Status, Response = response.Body };
        }
        if (effect is null)
        {
            return;
        }
        var memberKey = (command.TenantId, command.MemberId);
        _members[memberKey] = effect.After;
        _orders.Add((command.TenantId, command.Purchase!.OrderId));
        if (!_windows.TryGetValue(memberKey, out var orders))
        {
            _windows[memberKey] = orders = [];
        }
        orders.Add((effect.At, effect.TotalMinor, effect.Points));
    }

    /// <summary>A member's row as the batch has moved it so far, if it has.</summary>
    public MemberRow? MemberOf(string tenantId, string memberId) => _members.GetValueOrDefault((tenantId, memberId));

    /// <summary>A member the batch credited outside its own purchase (a referrer): later purchases start from this row.</summary>
    public void Touch(MemberRow member) => _members[(member.TenantId, member.MemberId)] = member;

    /// <summary>When the member's purchases accepted earlier in the batch happened.</summary>
    public IEnumerable<DateTimeOffset> OrdersOf(string tenantId, string memberId) =>
        _windows.TryGetValue((tenantId, memberId), out var orders) ? orders.Select(o => o.At) : [];

    public IEnumerable<StoredCompletion> CompletionsOf(string tenantId, string memberId) =>
        _completions.GetValueOrDefault((tenantId, memberId)) ?? [];

    public void Complete(string tenantId, string memberId, StoredCompletion completion)
    {
        if (!_completions.TryGetValue((tenantId, memberId), out var list))
        {
            _completions[(tenantId, memberId)] = list = [];
        }
        list.Add(completion);
    }

    public bool IsSettled(string tenantId, string friendId) => _settled.Contains((tenantId, friendId));

    public void Settle(string tenantId, string friendId) => _settled.Add((tenantId, friendId));

    public void Paid(string tenantId, string referrerId, DateTimeOffset at) => _paid.Add((tenantId, referrerId, at));

    public int PaidIn(string tenantId, string referrerId, DateTimeOffset from, DateTimeOffset until) =>
        _paid.Count(p => p.TenantId == tenantId && p.ReferrerId == referrerId && p.At >= from && p.At < until);

    /// <returns>False when the batch already noted this card for the member.</returns>
    public bool AddCard(string tenantId, string memberId, string hash)
    {
        if (!_cards.TryGetValue((tenantId, memberId), out var cards))
        {
            _cards[(tenantId, memberId)] = cards = new HashSet<string>(StringComparer.Ordinal);
        }
        return cards.Add(hash);
    }

    public IEnumerable<string> CardsOf(string tenantId, string memberId) => _cards.GetValueOrDefault((tenantId, memberId)) ?? [];
}
