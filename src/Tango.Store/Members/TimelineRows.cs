namespace Tango.Store.Members;

// The rows the timeline's sources read, mapped by Dapper (snake_case columns to these names).
internal static partial class TimelineSources
{
    private sealed class OrderRow
    {
        public string OrderId { get; init; } = "";
        public string EventId { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string Currency { get; init; } = "";
        public long TotalMinor { get; init; }
        public long RefundedMinor { get; init; }
        public long PointsEarned { get; init; }
        public long PointsClawed { get; init; }
        public long WalletEarned { get; init; }
    }

    private sealed class EventRow
    {
        public string EventId { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string Data { get; init; } = "{}";
    }

    private sealed class LedgerRow
    {
        public long LineId { get; init; }
        public DateTimeOffset At { get; init; }
        public string Account { get; init; } = "";
        public long Amount { get; init; }
        public string Kind { get; init; } = "";
        public string Reason { get; init; } = "";
        public string? RuleId { get; init; }
        public string? OrderId { get; init; }
        public string? EventId { get; init; }
        public string? RedemptionId { get; init; }
        public DateTimeOffset? ExpiresAt { get; init; }
    }

    private sealed class CouponRow
    {
        public string Code { get; init; } = "";
        public long Uses { get; init; }
        public string Status { get; init; } = "";
        public string BatchId { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string Currency { get; init; } = "";
        public long? PercentHundredths { get; init; }
        public long? AmountMinor { get; init; }
        public DateTimeOffset? ExpiresAt { get; init; }
        public long MaxUses { get; init; }
        public string? RedemptionId { get; init; }
    }

    private sealed class TierRow
    {
        public string ChangeId { get; init; } = "";
        public DateTimeOffset At { get; init; }
        public string? FromTier { get; init; }
        public string? ToTier { get; init; }
        public string Reason { get; init; } = "";
        public string Source { get; init; } = "";
    }

    private sealed class TicketRow
    {
        public string TicketId { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Priority { get; init; } = "";
        public string? OrderId { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? ResolvedAt { get; init; }
    }

    private sealed class SurveyRow
    {
        public string ResponseId { get; init; } = "";
        public string Kind { get; init; } = "";
        public int Score { get; init; }
        public string? Comment { get; init; }
        public string? OrderId { get; init; }
        public string? TicketId { get; init; }
        public DateTimeOffset AnsweredAt { get; init; }
    }

    private sealed class ReferralRow
    {
        public string FriendId { get; init; } = "";
        public string ReferrerId { get; init; } = "";
        public string? Code { get; init; }
        public DateTimeOffset AttributedAt { get; init; }
        public string Status { get; init; } = "";
        public string? Reason { get; init; }
        public string? OrderId { get; init; }
        public long ReferrerPoints { get; init; }
        public long FriendPoints { get; init; }
        public DateTimeOffset? DecidedAt { get; init; }
    }

    private sealed class BadgeRow
    {
        public long CompletionId { get; init; }
        public string ChallengeId { get; init; } = "";
        public string Badge { get; init; } = "";
        public DateTimeOffset LastAt { get; init; }
        public long Points { get; init; }
    }

    private sealed class InvitationRow
    {
        public string GroupKey { get; init; } = "";
        public string? Name { get; init; }
        public string InvitedVia { get; init; } = "";
        public DateTimeOffset InvitedAt { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset? RespondedAt { get; init; }
    }

    private sealed class FeedbackRow
    {
        public string FeedbackId { get; init; } = "";
        public string GroupKey { get; init; } = "";
        public string? Name { get; init; }
        public DateTimeOffset At { get; init; }
        public int? Rating { get; init; }
        public string Text { get; init; } = "";
    }

    private sealed class MarkerRow
    {
        public string MarkerId { get; init; } = "";
        public string Text { get; init; } = "";
        public string? Kind { get; init; }
        public string? RemindOn { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public int RaisedCount { get; init; }
    }
}
