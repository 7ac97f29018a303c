namespace Tango.Store.Insiders;

public sealed record InsiderGroupInput(string Name, string? Description, string Status);

public sealed record InsiderGroupView(string Key, string Name, string? Description, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, InsiderCounts Counts);

/// <summary>How far the group climbed the ladder: invited, of whom accepted or declined, and how many gave feedback.</summary>
public sealed record InsiderCounts(long Invited, long Accepted, long Declined, long Pending, long Feedback, long FeedbackMembers, double? AcceptanceRate);

/// <summary>Who to invite: members named by hand, and every member of some tiers or segments.</summary>
public sealed record InsiderAudience(IReadOnlyList<string> MemberIds, IReadOnlyList<string> Tiers, IReadOnlyList<string> Segments,
    string? BaseTier);

public sealed record InsiderInvitation(string Group, string MemberId, string Status, string InvitedVia, DateTimeOffset InvitedAt,
    DateTimeOffset? RespondedAt);

public sealed record InsiderFeedback(string FeedbackId, string Group, string MemberId, DateTimeOffset At, int? Rating, string Text);

/// <summary>A member's part in insider groups, as their profile shows it.</summary>
public sealed record MemberInsiderView(string Group, string Name, string Status, DateTimeOffset InvitedAt, DateTimeOffset? RespondedAt,
    IReadOnlyList<InsiderFeedback> Feedback);
