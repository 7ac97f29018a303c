using Tango.Domain.Service;

namespace Tango.Store.Service;

/// <summary>An NPS or CSAT answer as the API shows it.</summary>
/// <param name="Channel">The ticket's channel, else the purchase's when known; null when unknown.</param>
/// <param name="Tier">The member's tier when they answered.</param>
/// <param name="RecoveryCaseId">The service-recovery case a detractor answer opened.</param>
public sealed record SurveyResponse(
    string ResponseId,
    string MemberId,
    SurveyKind Kind,
    int Score,
    string? Comment,
    string? OrderId,
    string? TicketId,
    string? InvitationId,
    string? Channel,
    string? Tier,
    DateTimeOffset AnsweredAt,
    string? RecoveryCaseId);

/// <summary>An answer to record, validated at the edge (score in range, fields well formed).</summary>
public sealed record NewSurveyResponse(string MemberId, SurveyKind Kind, int Score, string? Comment, string? OrderId, string? TicketId);

/// <summary>
/// An invitation to answer a survey. <see cref="Token"/> and <see cref="Url"/> are shown only by the call that
/// created it: the store keeps a hash of the token, as it does for API keys.
/// </summary>
public sealed record SurveyInvitation(
    string InvitationId,
    string MemberId,
    SurveyKind Kind,
    string Occasion,
    string? OrderId,
    string? TicketId,
    string? Token,
    string? Url,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AnsweredAt);

/// <param name="AnswerUrl">The link without the token, e.g. "https://loyalty.example.com/v1/surveys/answers/".</param>
public sealed record NewInvitation(string MemberId, SurveyKind Kind, string? OrderId, string? TicketId, string AnswerUrl);

/// <summary>What someone holding a token sees: the question, not who was asked.</summary>
public sealed record InvitationQuestion(SurveyKind Kind, string Question, int Min, int Max, DateTimeOffset ExpiresAt, bool Answered);

/// <summary>What answering through a token tells the member.</summary>
public sealed record SurveyReceipt(string ResponseId, SurveyKind Kind, int Score, DateTimeOffset AnsweredAt);

/// <summary>A member's latest answer of one kind, for the profile.</summary>
public sealed record LatestScore(int Score, DateTimeOffset AnsweredAt, string ResponseId);

internal sealed class InvitationRow
{
    public string TenantId { get; set; } = "";
    public string InvitationId { get; set; } = "";
    public string MemberId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Occasion { get; set; } = "";
    public string? OrderId { get; set; }
    public string? TicketId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    public const string Columns = "tenant_id, invitation_id, member_id, kind, occasion, order_id, ticket_id, created_at, expires_at, answered_at";

    public SurveyKind SurveyKind => ServiceNames.Parse<SurveyKind>(Kind);

    public SurveyInvitation ToInvitation(string? token, string? url) =>
        new(InvitationId, MemberId, SurveyKind, Occasion, OrderId, TicketId, token, url, CreatedAt, ExpiresAt, AnsweredAt);
}
