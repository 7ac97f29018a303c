using System.ComponentModel;
using Tango.Domain.Journeys;
using Tango.Domain.Ledger;
using Tango.Events;
using Tango.Hosting;
using Tango.Journeys.Templates;
using Tango.Store.Idempotency;
using Tango.Store.Journeys;

namespace Tango.Journeys.Incidents;

public sealed record AffectedRequest(
    [property: Description("Members by id. Ids that are no member are answered in unknownMemberIds.")] IReadOnlyList<string>? MemberIds,
    [property: Description("The buyers of these orders. Each: " + Hosting.Validate.ShopIdRule)] IReadOnlyList<string>? OrderIds,
    [property: Description("The buyers of these SKUs. Each: " + Hosting.Validate.ShopIdRule)] IReadOnlyList<string>? Skus,
    string? Since);

public sealed record IncidentRequest(string? Title, string? Message, AffectedRequest? Affected, IReadOnlyList<string>? Channels, long? ApologyPoints);

/// <summary>An incident that passed validation: its templates parse and read only what an incident message may.</summary>
public sealed record NewIncident(string Title, string Message, AffectedSpec Affected, IReadOnlyList<string> Channels, long ApologyPoints);

public static class IncidentRequests
{
    public const int MaxIds = 10_000;

    public static IReadOnlyList<string> DefaultChannels { get; } = ["email", "inbox"];

    public static (NewIncident? Incident, StoredResponse? Problem) Validate(IncidentRequest r, DateTimeOffset now, Errors errors)
    {
        var variables = TemplateVariables.ForIncident();
        if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Length > 200 || r.Title.Any(c => c is '\r' or '\n'))
        {
            errors.Add("title", "Required: at most 200 characters on one line.");
        }
        else
        {
            AddAll(errors, "title", LiquidTemplates.Check(r.Title, variables));
        }
        if (string.IsNullOrWhiteSpace(r.Message) || r.Message.Length > JourneyValidator.MaxTemplate)
        {
            errors.Add("message", $"Required: at most {JourneyValidator.MaxTemplate} characters (Liquid).");
        }
        else
        {
            AddAll(errors, "message", LiquidTemplates.Check(r.Message, variables));
        }
        var affected = Affected(errors, r.Affected, now);
        var channels = r.Channels ?? DefaultChannels;
        if (channels.Count == 0 || channels.Any(c => c is not ("email" or "inbox")))
        {
            errors.Add("channels", "A non-empty list of email and inbox.");
        }
        if (r.ApologyPoints is < 0 or > 1_000_000)
        {
            errors.Add("apologyPoints", "A whole number from 0 to 1000000.");
        }
        return errors.Any
            ? (null, errors.ToProblem())
            : (new NewIncident(r.Title!.Trim(), r.Message!, affected!, channels.Distinct().ToList(), r.ApologyPoints ?? 0), null);
    }

    private static AffectedSpec? Affected(Errors errors, AffectedRequest? a, DateTimeOffset now)
    {
        if (a is null || (a.MemberIds is null && a.OrderIds is null && a.Skus is null && a.Since is null))
        {
            errors.Add("affected", "Required: memberIds, orderIds, skus, since, or a combination.");
            return null;
        }
        Ids(errors, "affected.memberIds", a.MemberIds, id => Hosting.Validate.IsId(id) ? id : null, Hosting.Validate.IdRule);
        var orderIds = Ids(errors, "affected.orderIds", a.OrderIds, ShopIds.Normalize, Hosting.Validate.ShopIdRule);
        var skus = Ids(errors, "affected.skus", a.Skus, ShopIds.Normalize, Hosting.Validate.ShopIdRule);
        DateTimeOffset? since = null;
        if (a.Since is not null)
        {
            if (!EventParsing.TryParseInstant(a.Since, out var at) || at > now)
            {
                errors.Add("affected.since", "An ISO-8601 instant with a zone, not in the future, such as 2026-11-20T00:00:00Z.");
            }
            else
            {
                since = at;
            }
        }
        return new AffectedSpec(a.MemberIds, orderIds, skus, since);
    }

    /// <returns>The ids as they are kept (shop ids trimmed), or null when none were sent.</returns>
    private static List<string>? Ids(Errors errors, string field, IReadOnlyList<string>? ids, Func<string?, string?> keep, string rule)
    {
        if (ids is null)
        {
            return null;
        }
        if (ids.Count is 0 or > MaxIds)
        {
            errors.Add(field, $"1 to {MaxIds} ids.");
        }
        var kept = new List<string>(Math.Min(ids.Count, MaxIds));
        for (var i = 0; i < ids.Count && i < MaxIds; i++)
        {
            if (keep(ids[i]) is { } id)
            {
                kept.Add(id);
            }
            else
            {
                errors.Add($"{field}[{i}]", rule);
            }
        }
        return kept;
    }

    private static void AddAll(Errors errors, string field, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            errors.Add(field, message);
        }
    }
}
