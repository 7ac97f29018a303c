namespace Tango.Store.Ledger;

public enum Account { Points, Wallet }

/// <summary>
/// One append-only ledger line. Points lines count points; wallet lines count minor units of the
/// program currency (shown to clients as money).
/// </summary>
public sealed class LedgerLine
{
    public long LineId { get; init; }
    public string MemberId { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public string Account { get; init; } = "points";
    public long Amount { get; init; }
    public string Kind { get; init; } = "";
    public string Reason { get; init; } = "";
    public string? RuleId { get; init; }
    public int? ProgramVersion { get; init; }
    public string? EventId { get; init; }
    public string? OrderId { get; init; }
    public string? RedemptionId { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>Line kinds, as stored and shown.</summary>
public static class LineKinds
{
    public const string Earn = "earn";
    public const string Cashback = "cashback";
    public const string Clawback = "clawback";
    public const string Redeem = "redeem";
    public const string RedeemCancel = "redeem-cancel";
    public const string Adjust = "adjust";
    public const string Expire = "expire";
}
