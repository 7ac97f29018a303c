namespace Tango.Domain.Journeys;

/// <summary>
/// What a message template can use: the member and their numbers everywhere, plus what the trigger brings
/// (the order, the cart, the case, …) and the survey link when the step makes one.
/// </summary>
public static class TemplateVariables
{
    private static readonly TemplateSchema s_value = TemplateSchema.Value;

    private static readonly TemplateSchema s_lines = TemplateSchema.ListOf(TemplateSchema.Object(
        ("sku", s_value), ("category", s_value), ("quantity", s_value), ("unitPrice", s_value)));

    private static readonly TemplateSchema s_marker = TemplateSchema.Object(("text", s_value), ("kind", s_value));

    /// <summary>Available to every template.</summary>
    public static IReadOnlyDictionary<string, TemplateSchema> Common { get; } = new Dictionary<string, TemplateSchema>(StringComparer.Ordinal)
    {
        ["member"] = TemplateSchema.Object(("id", s_value), ("name", s_value), ("firstName", s_value), ("email", s_value),
            ("locale", s_value), ("timeZone", s_value), ("birthDate", s_value), ("tier", s_value), ("segment", s_value)),
        ["balance"] = TemplateSchema.Object(("points", s_value), ("wallet", s_value), ("currency", s_value)),
        ["tier"] = TemplateSchema.Object(("id", s_value), ("name", s_value)),
        ["insights"] = TemplateSchema.Object(("segment", s_value), ("pAlive", s_value), ("expectedPurchases90d", s_value),
            ("predictedClv12m", s_value), ("loyaltyStage", s_value), ("habitStrength", s_value)),
        ["marker"] = s_marker,
        ["markers"] = TemplateSchema.ListOf(s_marker),
        ["journey"] = TemplateSchema.Object(("key", s_value), ("name", s_value)),
        ["reward"] = TemplateSchema.Object(("points", s_value)),
        ["unsubscribeUrl"] = s_value,
    };

    /// <summary>What each trigger adds, by the name it goes under.</summary>
    public static IReadOnlyDictionary<string, TemplateSchema> Context { get; } = new Dictionary<string, TemplateSchema>(StringComparer.Ordinal)
    {
        ["order"] = TemplateSchema.Object(("id", s_value), ("total", s_value), ("currency", s_value), ("occurredAt", s_value),
            ("channel", s_value), ("lines", s_lines)),
        ["cart"] = TemplateSchema.Object(("id", s_value), ("total", s_value), ("lines", s_lines)),
        ["product"] = TemplateSchema.Object(("sku", s_value)),
        ["event"] = TemplateSchema.Object(("type", s_value), ("occurredAt", s_value), ("data", TemplateSchema.Open)),
        ["birthday"] = TemplateSchema.Object(("date", s_value), ("age", s_value)),
        ["anniversary"] = TemplateSchema.Object(("date", s_value), ("years", s_value)),
        ["case"] = TemplateSchema.Object(("id", s_value), ("cause", s_value), ("reason", s_value), ("ticketId", s_value),
            ("responseId", s_value), ("orderId", s_value), ("compensationPoints", s_value)),
        ["replenishment"] = TemplateSchema.Object(("sku", s_value), ("lastPurchasedOn", s_value), ("periodDays", s_value), ("dueOn", s_value),
            ("learned", s_value)),
        ["report"] = TemplateSchema.Object(("period", s_value), ("from", s_value), ("to", s_value), ("purchases", s_value), ("spent", s_value),
            ("currency", s_value), ("pointsEarned", s_value), ("pointsRedeemed", s_value), ("pointsExpired", s_value), ("walletEarned", s_value),
            ("rewardsUsed", s_value), ("tierProgress", s_value)),
    };

    public static TemplateSchema Survey { get; } = TemplateSchema.Object(("url", s_value), ("kind", s_value));

    public static TemplateSchema Incident { get; } = TemplateSchema.Object(("id", s_value), ("title", s_value));

    /// <summary>The variables of a journey step's template.</summary>
    public static IReadOnlyDictionary<string, TemplateSchema> ForStep(TriggerType trigger, bool withSurvey)
    {
        var all = new Dictionary<string, TemplateSchema>(Common, StringComparer.Ordinal);
        if (trigger.ContextVariable is { } name)
        {
            all[name] = Context[name];
        }
        if (withSurvey)
        {
            all["survey"] = Survey;
        }
        return all;
    }

    /// <summary>The variables of an incident's title and message: the member, their numbers and the incident.</summary>
    public static IReadOnlyDictionary<string, TemplateSchema> ForIncident()
    {
        var all = new Dictionary<string, TemplateSchema>(Common, StringComparer.Ordinal) { ["incident"] = Incident };
        all.Remove("journey");
        all.Remove("reward");
        all.Remove("unsubscribeUrl");
        return all;
    }
}
