using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
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
