using K = Tango.Store.Members.TimelineKinds;

namespace Tango.Store.Members;

/// <summary>The timeline's sources about contact: messages, tickets, surveys, referrals, badges, insiders and markers.</summary>
internal static partial class TimelineSources
{
    private const string OfMember = "tenant_id = @tenantId AND member_id = @memberId";

    /// <summary>Every message as it was rendered for the member (subject and body), on every channel, sent or not.</summary>
    private static async Task<IEnumerable<TimelineEntry>> MessagesAsync(TimelineRead read, TimelineSource source)
    {
        // The outbox's own row: a body too long to show whole is cut to its first 64 KiB and said to be.
        var rows = await read.QueryAsync<Journeys.MessageRow>(source, $"SELECT {Journeys.MessageRow.Columns} FROM messages",
            OfMember, "created_at", "message_id");
        return rows.Select(r => new TimelineEntry(new TimelineItem(r.CreatedAt, K.Message, r.Subject ?? $"{r.Channel} message", r.Body,
            new Refs().With("messageId", r.MessageId).With("channel", r.Channel).With("messageKind", r.Kind).With("status", r.Status)
                .With("reason", r.Reason).With("journeyKey", r.JourneyKey).With("incidentId", r.IncidentId).With("subject", r.Subject)
                .With("sentAt", r.SentAt).With("truncated", r.Truncated ? true : null)), source.Part, r.MessageId));
    }

    private static async Task<IEnumerable<TimelineEntry>> TicketsAsync(TimelineRead read, TimelineSource source)
    {
        var rows = await read.QueryAsync<TicketRow>(source,
            "SELECT ticket_id, subject, channel, priority, order_id, status, created_at, resolved_at FROM tickets", OfMember, "created_at", "ticket_id");
        return rows.Select(r => new TimelineEntry(new TimelineItem(r.CreatedAt, K.Ticket, $"Ticket: {r.Subject}",
            $"{r.Status} · {r.Priority} priority · via {r.Channel}",
            new Refs().With("ticketId", r.TicketId).With("status", r.Status).With("priority", r.Priority).With("channel", r.Channel)
                .With("orderId", r.OrderId).With("resolvedAt", r.ResolvedAt)), source.Part, r.TicketId));
    }

    private static async Task<IEnumerable<TimelineEntry>> SurveysAsync(TimelineRead read, TimelineSource source)
    {
        var rows = await read.QueryAsync<SurveyRow>(source,
            "SELECT response_id, kind, score, comment, order_id, ticket_id, answered_at FROM survey_responses", OfMember, "answered_at", "response_id");
        return rows.Select(r => new TimelineEntry(new TimelineItem(r.AnsweredAt, K.Survey, $"{r.Kind.ToUpperInvariant()} answer: {r.Score}", r.Comment,
            new Refs().With("responseId", r.ResponseId).With("surveyKind", r.Kind).With("score", r.Score).With("comment", r.Comment)
                .With("orderId", r.OrderId).With("ticketId", r.TicketId)), source.Part, r.ResponseId));
    }

    /// <summary>Who invited the member (one row at most).</summary>
    private static async Task<IEnumerable<TimelineEntry>> InvitedByAsync(TimelineRead read, TimelineSource source)
    {
        var rows = await read.QueryAsync<ReferralRow>(source, ReferralSelect, "tenant_id = @tenantId AND friend_id = @memberId", "attributed_at", "friend_id");
        return rows.Select(r => Referral(r, source, $"Joined through {r.ReferrerId}'s invitation", "invitedBy"));
    }

    /// <summary>Whom the member invited.</summary>
    private static async Task<IEnumerable<TimelineEntry>> InvitedAsync(TimelineRead read, TimelineSource source)
    {
        var rows = await read.QueryAsync<ReferralRow>(source, ReferralSelect, "tenant_id = @tenantId AND referrer_id = @memberId", "attributed_at", "friend_id");
        return rows.Select(r => Referral(r, source, $"Invited {r.FriendId}", "invited"));
    }

    private const string ReferralSelect =
        "SELECT friend_id, referrer_id, code, attributed_at, status, reason, order_id, referrer_points, friend_points, decided_at FROM referrals";

    private static TimelineEntry Referral(ReferralRow r, TimelineSource source, string title, string direction) =>
        new(new TimelineItem(r.AttributedAt, K.Referral, title, r.Status + (r.Reason is null ? "" : $" ({r.Reason})"),
            new Refs().With("direction", direction).With("referrerId", r.ReferrerId).With("friendId", r.FriendId).With("code", r.Code)
                .With("status", r.Status).With("reason", r.Reason).With("orderId", r.OrderId).With("referrerPoints", r.ReferrerPoints)
                .With("friendPoints", r.FriendPoints)), source.Part, r.FriendId);

    private static async Task<IEnumerable<TimelineEntry>> BadgesAsync(TimelineRead read, TimelineSource source)
    {
        var rows = await read.QueryAsync<BadgeRow>(source, "SELECT completion_id, challenge_id, badge, last_at, points FROM challenge_completions",
            OfMember + " AND badge IS NOT NULL", "last_at", "completion_id", numericId: true);
        return rows.Select(r => new TimelineEntry(new TimelineItem(r.LastAt, K.Badge, $"Badge: {r.Badge}",
            $"for completing {r.ChallengeId}" + (r.Points > 0 ? $", +{r.Points} points" : ""),
            new Refs().With("badge", r.Badge).With("challengeId", r.ChallengeId).With("completionId", r.CompletionId).With("points", r.Points)),
            source.Part, r.CompletionId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static async Task<IEnumerable<TimelineEntry>> InsiderInvitationsAsync(TimelineRead read, TimelineSource source)
    {
        var rows = await read.QueryAsync<InvitationRow>(source,
            """
            SELECT i.group_key, g.name, i.invited_via, i.invited_at, i.status, i.responded_at
            FROM insider_invitations i LEFT JOIN insider_groups g ON g.tenant_id = i.tenant_id AND g.group_key = i.group_key
            """, "i.tenant_id = @tenantId AND i.member_id = @memberId", "i.invited_at", "i.group_key");
        return rows.Select(r => new TimelineEntry(new TimelineItem(r.InvitedAt, K.Insider, $"Invited to the insiders of {r.Name ?? r.GroupKey}",
            r.Status, new Refs().With("groupKey", r.GroupKey).With("status", r.Status).With("invitedVia", r.InvitedVia).With("respondedAt", r.RespondedAt)),
            source.Part, r.GroupKey));
    }

    private static async Task<IEnumerable<TimelineEntry>> InsiderFeedbackAsync(TimelineRead read, TimelineSource source)
    {
        var rows = await read.QueryAsync<FeedbackRow>(source,
            """
            SELECT f.feedback_id, f.group_key, g.name, f.at, f.rating, f.text
            FROM insider_feedback f LEFT JOIN insider_groups g ON g.tenant_id = f.tenant_id AND g.group_key = f.group_key
            """, "f.tenant_id = @tenantId AND f.member_id = @memberId", "f.at", "f.feedback_id");
        return rows.Select(r => new TimelineEntry(new TimelineItem(r.At, K.Insider,
            $"Feedback to the insiders of {r.Name ?? r.GroupKey}" + (r.Rating is { } rating ? $" · rated {rating}" : ""), r.Text,
            new Refs().With("feedbackId", r.FeedbackId).With("groupKey", r.GroupKey).With("rating", r.Rating)), source.Part, r.FeedbackId));
    }

    private static async Task<IEnumerable<TimelineEntry>> MarkersAsync(TimelineRead read, TimelineSource source)
    {
        var rows = await read.QueryAsync<MarkerRow>(source, "SELECT marker_id, text, kind, remind_on, created_at, raised_count FROM markers",
            OfMember, "created_at", "marker_id");
        return rows.Select(r => new TimelineEntry(new TimelineItem(r.CreatedAt, K.Marker, r.Text,
            (r.Kind ?? "note") + (r.RemindOn is null ? "" : $" · remind on {r.RemindOn}") + $" · raised {r.RaisedCount}×",
            new Refs().With("markerId", r.MarkerId).With("markerKind", r.Kind).With("remindOn", r.RemindOn).With("raisedCount", r.RaisedCount)),
            source.Part, r.MarkerId));
    }
}
