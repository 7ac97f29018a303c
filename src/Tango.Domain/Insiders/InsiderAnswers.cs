namespace Tango.Domain.Insiders;

/// <summary>Where a member stands with an insider group.</summary>
public static class InsiderStatus
{
    public const string Invited = "invited";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
}

/// <summary>How a member came to be invited.</summary>
public static class InsiderVia
{
    public const string Hand = "hand";
    public const string Tier = "tier";
    public const string Segment = "segment";
}

/// <summary>
/// The ladder from audience to co-author: an invited member accepts or declines; one who declined may still
/// accept while the group is open, and one who accepted may leave (declines). Only accepted insiders give feedback.
/// </summary>
public static class InsiderAnswers
{
    public const int MaxFeedbackLength = 4000;

    /// <returns>The status after the answer, or why it is refused.</returns>
    public static (string? Status, string? Refusal) Answer(string current, bool accept) => (current, accept) switch
    {
        (InsiderStatus.Accepted, true) or (InsiderStatus.Declined, false) => (current, null),
        (_, true) => (InsiderStatus.Accepted, null),
        (_, false) => (InsiderStatus.Declined, null),
    };

    public static string? FeedbackRefusal(string? status) => status switch
    {
        InsiderStatus.Accepted => null,
        null => "The member was not invited to this group.",
        _ => "Only members who accepted the invitation give feedback.",
    };
}
