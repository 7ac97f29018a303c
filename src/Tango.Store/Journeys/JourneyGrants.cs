using Tango.Domain.Ledger;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Journeys;

/// <summary>
/// Points a journey step or an incident gives, through the ledger like any credit: a line that says why, a
/// lot that expires under the program's expiry, the balance moved in the same transaction.
/// </summary>
public sealed class JourneyGrants(ProgramStore programs, TimeProvider clock)
{
    /// <summary>The ledger kind of points given by journeys and incidents.</summary>
    public const string Kind = "journey";

    /// <returns>The ledger line, or null when the member is gone (erased or never enrolled).</returns>
    public async Task<long?> GrantAsync(WriteScope scope, string tenantId, string memberId, long points, string reason)
    {
        var member = await MemberSql.LockAsync(scope, tenantId, memberId);
        if (member is null || member.ErasedAt is not null || points <= 0)
        {
            return null;
        }
        var program = await programs.CurrentAsync(scope, tenantId);
        var now = clock.GetUtcNow();
        var expiresAt = Expiry.ExpiresAt(program.Document, now);
        var lineId = await LedgerWriter.AppendAsync(scope, tenantId, new LedgerLine
        {
            MemberId = memberId,
            At = now,
            Account = "points",
            Amount = points,
            Kind = Kind,
            Reason = reason,
            ProgramVersion = program.Version,
            ExpiresAt = expiresAt,
        });
        await LedgerWriter.AddLotAsync(scope, tenantId, memberId, lineId, null, points, member.PointsBalance, expiresAt);
        return lineId;
    }
}
