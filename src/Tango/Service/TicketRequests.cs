using System.ComponentModel;
using System.Text.Json;
using Tango.Domain.Service;
using Tango.Hosting;
using Tango.Store.Idempotency;
using Tango.Store.Service;

namespace Tango.Service;

public sealed record CreateTicketRequest(string? MemberId, string? Subject, string? Channel, string? Priority,
    [property: Description("The shop's order number: " + Validate.ShopIdRule)] string? OrderId);

/// <summary>Validation of ticket input: every broken field is named in one answer.</summary>
public static class TicketRequests
{
    public const int MaxSubject = 200;

    public static (NewTicket? Ticket, StoredResponse? Problem) Validate(CreateTicketRequest r, Errors errors)
    {
        ServiceInput.MemberId(errors, r.MemberId);
        var orderId = ServiceInput.OrderId(errors, r.OrderId);
        if (string.IsNullOrWhiteSpace(r.Subject) || r.Subject.Trim().Length > MaxSubject)
        {
            errors.Add("subject", $"Required, at most {MaxSubject} characters.");
        }
        ServiceInput.FreeText(errors, "subject", r.Subject);
        var channel = ServiceInput.Enum<TicketChannel>(errors, "channel", r.Channel, required: true);
        var priority = r.Priority is null ? TicketPriority.Normal : ServiceInput.Enum<TicketPriority>(errors, "priority", r.Priority, required: true);
        return errors.Any
            ? (null, errors.ToProblem())
            : (new NewTicket(r.MemberId!, r.Subject!.Trim(), channel!.Value, priority!.Value, orderId), null);
    }

    /// <summary>JSON merge patch: `status`, `priority`, `subject`, and `responded: true` to record the first response.</summary>
    public static (TicketPatch? Patch, StoredResponse? Problem) ValidatePatch(JsonElement body, Errors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, errors.Add("body", "A JSON object is required.").ToProblem());
        }
        TicketStatus? status = null;
        TicketPriority? priority = null;
        string? subject = null;
        var responded = false;
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "status":
                    status = ServiceInput.Text(errors, "status", value) is { } s ? ServiceInput.Enum<TicketStatus>(errors, "status", s, required: true) : null;
                    break;
                case "priority":
                    priority = ServiceInput.Text(errors, "priority", value) is { } p ? ServiceInput.Enum<TicketPriority>(errors, "priority", p, required: true) : null;
                    break;
                case "subject":
                    subject = ServiceInput.Text(errors, "subject", value)?.Trim();
                    if (subject is not null && subject.Length is 0 or > MaxSubject)
                    {
                        errors.Add("subject", $"1-{MaxSubject} characters.");
                    }
                    ServiceInput.FreeText(errors, "subject", subject);
                    break;
                case "responded":
                    if (value.ValueKind != JsonValueKind.True)
                    {
                        errors.Add("responded", "Only true: a first response cannot be taken back.");
                    }
                    responded = true;
                    break;
                case "memberId" or "channel" or "orderId":
                    errors.Add(property.Name, $"The {property.Name} of a ticket cannot change.");
                    break;
                default:
                    errors.Add(property.Name, $"Unknown field '{property.Name}'.");
                    break;
            }
        }
        return errors.Any ? (null, errors.ToProblem()) : (new TicketPatch(status, priority, responded, subject), null);
    }

    /// <summary>`?status=&amp;memberId=&amp;breached=true|false&amp;dueWithin=PT2H` with paging.</summary>
    public static (TicketFilter? Filter, StoredResponse? Problem) ReadFilter(HttpRequest request)
    {
        var (limit, cursor, paging) = Paging.Read(request);
        if (paging is not null)
        {
            return (null, paging);
        }
        var errors = new Errors();
        var query = request.Query;
        var status = query.ContainsKey("status") ? ServiceInput.Enum<TicketStatus>(errors, "status", query["status"].ToString(), required: true) : null;
        var memberId = query.ContainsKey("memberId") ? query["memberId"].ToString() : null;
        if (memberId is not null)
        {
            ServiceInput.MemberId(errors, memberId);
        }
        bool? breached = null;
        if (query.ContainsKey("breached"))
        {
            breached = query["breached"].ToString() switch
            {
                "true" => true,
                "false" => false,
                _ => null,
            };
            if (breached is null)
            {
                errors.Add("breached", "Use true or false.");
            }
        }
        TimeSpan? dueWithin = null;
        if (query.ContainsKey("dueWithin"))
        {
            if (IsoDuration.TryParse(query["dueWithin"].ToString(), out var within))
            {
                dueWithin = within;
            }
            else
            {
                errors.Add("dueWithin", "An ISO-8601 duration such as PT2H or P1D.");
            }
        }
        if (cursor is not null && !TicketQueries.IsCursor(cursor))
        {
            errors.Add("cursor", "Not a cursor this API gave out.");
        }
        return errors.Any ? (null, errors.ToProblem()) : (new TicketFilter(status, memberId, breached, dueWithin, limit, cursor), null);
    }
}
