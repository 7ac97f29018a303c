using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Events;

/// <summary>One purchase for the batched write path, with the Idempotency-Key it came with.</summary>
public sealed record PurchaseInput(EventCommand Command, IdempotencyKey? Key);

/// <summary>Purchases as batchable work: the write queue hands a batch's neighbouring purchases over together.</summary>
public sealed class PurchaseBatch(ProgramStore programs, TimeProvider clock) : IBatchWork<PurchaseInput, StoredResponse>
{
    public Task<IReadOnlyList<StoredResponse>> RunManyAsync(WriteScope scope, IReadOnlyList<PurchaseInput> inputs) =>
        Purchases.RunManyAsync(scope, inputs, programs, clock);
}

/// <summary>
/// What the purchases decided earlier in the same batch changed, so later ones see it as if it had been
/// read from the store: balances and tier, enrolments, orders, keys, and the tier window.
/// </summary>
internal sealed class BatchState
{
    private readonly Dictionary<(string, string), MemberRow> _members = [];
    private readonly HashSet<(string, string)> _orders = [];
    private readonly Dictionary<(string, string), KeyRecord> _keys = [];
    private readonly Dictionary<(string, string), List<(DateTimeOffset At, long SpendMinor, long Points)>> _windows = [];

    public PurchaseRead Adjust(PurchaseInput input, PurchaseRead read, int windowMonths)
    {
        var command = input.Command;
        var memberKey = (command.TenantId, command.MemberId);
        var member = _members.TryGetValue(memberKey, out var seen) ? seen : read.Member;
        var duplicate = read.Duplicate || _orders.Contains((command.TenantId, command.Purchase!.OrderId));
        var key = input.Key is { } k && _keys.TryGetValue((k.TenantId, k.Key), out var earlier) ? earlier : read.Key;
        var window = read.Window;
        if (_windows.TryGetValue(memberKey, out var earlierOrders))
        {
            // The window was read before this batch wrote anything; add what the batch bought inside it.
            var since = command.OccurredAt.AddMonths(-windowMonths);
            foreach (var (_, spend, points) in earlierOrders.Where(o => o.At > since && o.At <= command.OccurredAt))
            {
                window = window.With(spend, points);
            }
        }
        return new PurchaseRead(key, member, duplicate, window);
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
}
