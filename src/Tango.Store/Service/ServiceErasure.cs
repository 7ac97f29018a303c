using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Service;

/// <summary>
/// What GDPR erasure must remove from service data: ticket subjects, survey comments, staff notes and the
/// apologies not yet sent. Scores, SLA times and compensation stay, anonymously, like orders do.
/// Called from the member erasure's transaction (MemberWrites.EraseAsync).
/// </summary>
public static class ServiceErasure
{
    public const string ErasedSubject = "(erased)";

    public static async Task ForgetAsync(WriteScope scope, string tenantId, string memberId)
    {
        var args = new { tenantId, memberId, erased = ErasedSubject };
        await scope.Connection.ExecuteAsync(
            "UPDATE tickets SET subject = @erased WHERE tenant_id = @tenantId AND member_id = @memberId", args, scope.Transaction);
        await scope.Connection.ExecuteAsync(
            "UPDATE survey_responses SET comment = NULL WHERE tenant_id = @tenantId AND member_id = @memberId", args, scope.Transaction);
        await scope.Connection.ExecuteAsync(
            "UPDATE recovery_cases SET note = NULL WHERE tenant_id = @tenantId AND member_id = @memberId", args, scope.Transaction);
        await scope.Connection.ExecuteAsync(
            "DELETE FROM service_messages WHERE tenant_id = @tenantId AND member_id = @memberId AND status = 'pending'", args, scope.Transaction);
    }
}
