using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Journeys;

/// <summary>
/// What GDPR erasure removes from messaging: the address, subject and text of every message to the member
/// (inbox items included) and anything still queued. That a message was sent, and when, stays for the
/// journey reports, like orders do.
/// </summary>
public static class JourneyErasure
{
    public const string ErasedBody = "(erased)";

    public static async Task ForgetAsync(WriteScope scope, string tenantId, string memberId)
    {
        var args = new { tenantId, memberId, erased = ErasedBody };
        await scope.Connection.ExecuteAsync(
            """
            UPDATE messages SET status = 'cancelled', reason = 'member erased', next_attempt_at = NULL
            WHERE tenant_id = @tenantId AND member_id = @memberId AND status = 'queued'
            """, args, scope.Transaction);
        await scope.Connection.ExecuteAsync(
            "UPDATE messages SET to_address = NULL, subject = NULL, body = @erased WHERE tenant_id = @tenantId AND member_id = @memberId",
            args, scope.Transaction);
    }
}
