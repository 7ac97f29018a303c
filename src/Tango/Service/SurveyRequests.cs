using System.ComponentModel;
using Tango.Domain.Service;
using Tango.Hosting;
using Tango.Store.Idempotency;
using Tango.Store.Service;

namespace Tango.Service;

public sealed record SurveyResponseRequest(string? MemberId, string? Kind, int? Score, string? Comment,
    [property: Description("The shop's order number: " + Validate.ShopIdRule)] string? OrderId, string? TicketId);

public sealed record SurveyInvitationRequest(string? MemberId, string? Kind,
    [property: Description("The shop's order number: " + Validate.ShopIdRule)] string? OrderId, string? TicketId);

public sealed record SurveyAnswerRequest(int? Score, string? Comment);

/// <summary>Validation of survey input. A score outside its kind's scale is a 422 naming `score`.</summary>
public static class SurveyRequests
{
    public static (NewSurveyResponse? Response, StoredResponse? Problem) Validate(SurveyResponseRequest r, Errors errors)
    {
        ServiceInput.MemberId(errors, r.MemberId);
        var orderId = ServiceInput.OrderId(errors, r.OrderId);
        TicketId(errors, r.TicketId);
        var kind = ServiceInput.Enum<SurveyKind>(errors, "kind", r.Kind, required: true);
        Score(errors, kind, r.Score);
        var comment = ServiceInput.Comment(errors, r.Comment);
        return errors.Any
            ? (null, errors.ToProblem())
            : (new NewSurveyResponse(r.MemberId!, kind!.Value, r.Score!.Value, comment, orderId, r.TicketId), null);
    }

    public static (NewInvitation? Invitation, StoredResponse? Problem) Validate(SurveyInvitationRequest r, string answerUrl, Errors errors)
    {
        ServiceInput.MemberId(errors, r.MemberId);
        var orderId = ServiceInput.OrderId(errors, r.OrderId);
        TicketId(errors, r.TicketId);
        var kind = ServiceInput.Enum<SurveyKind>(errors, "kind", r.Kind, required: true);
        if (r.OrderId is not null && r.TicketId is not null)
        {
            errors.Add("ticketId", "An invitation is about one occasion: send orderId or ticketId, not both.");
        }
        return errors.Any
            ? (null, errors.ToProblem())
            : (new NewInvitation(r.MemberId!, kind!.Value, orderId, r.TicketId, answerUrl), null);
    }

    public static (string? Comment, StoredResponse? Problem) Validate(SurveyAnswerRequest r, SurveyKind kind, Errors errors)
    {
        Score(errors, kind, r.Score);
        var comment = ServiceInput.Comment(errors, r.Comment);
        return errors.Any ? (null, errors.ToProblem()) : (comment, null);
    }

    private static void Score(Errors errors, SurveyKind? kind, int? score)
    {
        if (score is null)
        {
            errors.Add("score", "Required.");
        }
        else if (kind is { } k && !SurveyScales.IsInRange(k, score.Value))
        {
            var (min, max) = SurveyScales.Range(k);
            errors.Add("score", $"A {ServiceNames.Name(k)} score is a whole number from {min} to {max}.");
        }
    }

    private static void TicketId(Errors errors, string? ticketId)
    {
        if (ticketId is not null && !Hosting.Validate.IsId(ticketId))
        {
            errors.Add("ticketId", Hosting.Validate.IdRule);
        }
    }
}
