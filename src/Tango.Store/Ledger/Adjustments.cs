using Tango.Domain.Ledger;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Ledger;

public sealed record Adjustment(long LineId, string MemberId, long Points, string Reason, long Balance);

/// <summary>An admin's correction: audited as its own ledger line with the reason and the key that made it.</summary>
public sealed class Adjustments(ProgramStore programs, TimeProvider clock)
{
    public async Task<StoredResponse> AdjustAsync(WriteScope scope, string tenantId, string memberId, long points, string reason, string actor)
    {
        var member = await MemberSql.LockAsync(scope, tenantId, memberId);
        if (member is null || member.ErasedAt is not null)
        {
            return Responses.NotFound($"Member '{memberId}'");
        }
        if (points > 0 && member.PointsBalance > long.MaxValue - points)
        {
            return Responses.Problem(409, "out-of-range", "Number out of range",
                $"The member has {member.PointsBalance} points; {points} more would pass the largest balance that can be stored.");
        }
        if (member.PointsBalance + points < 0)
        {
            return Responses.Problem(409, "insufficient-points", "Insufficient points",
                $"The member has {member.PointsBalance} points; a correction of {points} would leave the balance below zero.");
        }
        var program = await programs.CurrentAsync(scope, tenantId);
        var now = clock.GetUtcNow();
        var expiresAt = points > 0 ? Expiry.ExpiresAt(program.Document, now) : null;
        if (points < 0)
        {
            await LedgerWriter.ConsumeLotsAsync(scope, tenantId, memberId, -points);
        }
        var lineId = await LedgerWriter.AppendAsync(scope, tenantId, new LedgerLine
        {
            MemberId = memberId,
            At = now,
            Account = "points",
            Amount = points,
            Kind = LineKinds.Adjust,
            Reason = $"{reason} (by {actor})",
            ProgramVersion = program.Version,
            ExpiresAt = expiresAt,
        });
        if (points > 0)
        {
            await LedgerWriter.AddLotAsync(scope, tenantId, memberId, lineId, null, points, member.PointsBalance, expiresAt);
        }
        return Responses.Json(201, new Adjustment(lineId, memberId, points, reason, member.PointsBalance + points));
    }
}
