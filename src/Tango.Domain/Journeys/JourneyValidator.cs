using System.Text.RegularExpressions;
using Tango.Domain.Service;

namespace Tango.Domain.Journeys;

/// <summary>Checks a journey definition and names every broken field by its JSON path ("steps[2].duration").</summary>
public static partial class JourneyValidator
{
    public const int MaxSteps = 20;
    public const int MaxTemplate = 10_000;
    public const decimal MaxHoldoutPercent = 50;
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(365);

    /// <summary>Checks one template against the variables it may use; answers the problems found (none when fine).</summary>
    public delegate IReadOnlyList<string> TemplateCheck(string template, IReadOnlyDictionary<string, TemplateSchema> variables);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex StepIdPattern();

    [GeneratedRegex("^(purchase|refund|cart\\.updated|cart\\.converted|product\\.viewed|custom\\.[A-Za-z0-9_.-]{1,64})$")]
    private static partial Regex EventTypePattern();

    public static bool IsEventType(string? type) => type is not null && EventTypePattern().IsMatch(type);

    public static IReadOnlyDictionary<string, string[]> Validate(JourneyDefinition journey, TemplateCheck checkTemplate)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(checkTemplate);
        var errors = new JourneyErrors();
        if (string.IsNullOrWhiteSpace(journey.Name) || journey.Name.Length > 200)
        {
            errors.Add("name", "Required, at most 200 characters.");
        }
        var trigger = CheckTrigger(journey.Trigger, errors);
        CheckConditions(journey.Conditions, errors);
        CheckSteps(journey.Steps, trigger, errors, checkTemplate);
        CheckExit(journey.Exit, errors);
        CheckReentry(journey.Reentry, errors);
        if (journey.HoldoutPercent is { } holdout && (holdout < 0 || holdout > MaxHoldoutPercent || decimal.Round(holdout, 2) != holdout))
        {
            errors.Add("holdoutPercent", $"Must be from 0 to {MaxHoldoutPercent}, with at most two decimals.");
        }
        if (journey.FrequencyCap is { } cap)
        {
            errors.Range("frequencyCap.max", cap.Max, 1, 100, required: true);
            errors.Range("frequencyCap.perDays", cap.PerDays, 1, 365, required: true);
        }
        if (journey.QuietHours is { } quiet)
        {
            var start = QuietHours.TryParseTime(quiet.Start, out var s);
            var end = QuietHours.TryParseTime(quiet.End, out var e);
            if (!start)
            {
                errors.Add("quietHours.start", "A time of day HH:mm, such as 21:00.");
            }
            if (!end)
            {
                errors.Add("quietHours.end", "A time of day HH:mm, such as 08:00.");
            }
            if (start && end && s == e)
            {
                errors.Add("quietHours.end", "Must differ from start.");
            }
        }
        errors.Range("conversionWindowDays", journey.ConversionWindowDays, 1, 365, required: false);
        return errors.ToDictionary();
    }

    private static TriggerType? CheckTrigger(TriggerSpec? trigger, JourneyErrors errors)
    {
        if (trigger is null)
        {
            errors.Add("trigger", "Required.");
            return null;
        }
        var type = TriggerTypes.Find(trigger.Type);
        if (type is null)
        {
            errors.Add("trigger.type", $"Required: one of {TriggerTypes.Names}.");
            return null;
        }
        if (trigger.Delay is not null)
        {
            if (type.Source != TriggerSource.Event)
            {
                errors.Add("trigger.delay", $"Only event triggers take a delay; use daysBefore or a wait step for {type.Name}.");
            }
            else if (!IsoDuration.TryParse(trigger.Delay, out var delay) || delay > MaxWait)
            {
                errors.Add("trigger.delay", "An ISO-8601 duration of at most 365 days, such as PT4H or P7D.");
            }
        }
        else if (type.NeedsDelay)
        {
            errors.Add("trigger.delay", $"Required for {type.Name}: how long after the trigger to act, such as PT4H.");
        }
        if (type.Name == TriggerTypes.Event)
        {
            if (!IsEventType(trigger.Event))
            {
                errors.Add("trigger.event", "Required: an event type such as custom.review-posted or cart.updated.");
            }
        }
        else if (trigger.Event is not null)
        {
            errors.Add("trigger.event", "Only the event trigger names an event.");
        }
        if (type.Name == TriggerTypes.Reactivation)
        {
            if (trigger.PAliveBelow is null && trigger.Segments is null)
            {
                errors.Add("trigger.pAliveBelow", "Give pAliveBelow, segments, or both.");
            }
            if (trigger.PAliveBelow is { } p && (p <= 0 || p > 1 || double.IsNaN(p)))
            {
                errors.Add("trigger.pAliveBelow", "Must be greater than 0 and at most 1.");
            }
            errors.Known("trigger.segments", trigger.Segments, TriggerTypes.Segments);
        }
        else
        {
            errors.Only("trigger.pAliveBelow", trigger.PAliveBelow, "reactivation");
            errors.Only("trigger.segments", trigger.Segments, "reactivation");
        }
        if (type.Name is TriggerTypes.Birthday or TriggerTypes.Anniversary or TriggerTypes.Replenishment)
        {
            errors.Range("trigger.daysBefore", trigger.DaysBefore, 0, 30, required: false);
        }
        else
        {
            errors.Only("trigger.daysBefore", trigger.DaysBefore, "birthday, anniversary and replenishment");
        }
        if (type.Name == TriggerTypes.Replenishment)
        {
            if (trigger.Skus is { } skus && (skus.Count == 0 || skus.Any(s => !Ledger.ShopIds.IsWellFormed(s))))
            {
                errors.Add("trigger.skus", $"A non-empty list of skus, each {Ledger.ShopIds.Characters} with no spaces around it.");
            }
            foreach (var (sku, days) in trigger.Periods ?? new Dictionary<string, int>())
            {
                if (days is < 1 or > 365)
                {
                    errors.Add($"trigger.periods.{sku}", "Days a purchase lasts: 1 to 365.");
                }
            }
        }
        else
        {
            errors.Only("trigger.skus", trigger.Skus, "replenishment");
            errors.Only("trigger.periods", trigger.Periods, "replenishment");
        }
        if (type.Name == TriggerTypes.ServiceRecovery)
        {
            errors.Known("trigger.causes", trigger.Causes, TriggerTypes.RecoveryCauses);
        }
        else
        {
            errors.Only("trigger.causes", trigger.Causes, "service-recovery");
        }
        return type;
    }

    private static void CheckConditions(EntryConditions? conditions, JourneyErrors errors)
    {
        if (conditions is null)
        {
            return;
        }
        errors.Known("conditions.segments", conditions.Segments, TriggerTypes.Segments);
        errors.Known("conditions.loyaltyStages", conditions.LoyaltyStages, TriggerTypes.LoyaltyStages);
        if (conditions.Tiers is { } tiers && (tiers.Count == 0 || tiers.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 64)))
        {
            errors.Add("conditions.tiers", "A non-empty list of tier ids.");
        }
        foreach (var (path, value) in new[] { ("conditions.pAliveBelow", conditions.PAliveBelow), ("conditions.pAliveAtLeast", conditions.PAliveAtLeast) })
        {
            if (value is { } p && (p < 0 || p > 1 || double.IsNaN(p)))
            {
                errors.Add(path, "Must be from 0 to 1.");
            }
        }
        if (conditions is { PAliveBelow: { } below, PAliveAtLeast: { } least } && least >= below)
        {
            errors.Add("conditions.pAliveAtLeast", "Must be below pAliveBelow, or nobody could enter.");
        }
        if (conditions.Consent is not (null or "email"))
        {
            errors.Add("conditions.consent", "Only 'email' (members who consented to marketing email).");
        }
    }

    private static void CheckSteps(IReadOnlyList<StepSpec>? steps, TriggerType? trigger, JourneyErrors errors, TemplateCheck checkTemplate)
    {
        if (steps is null || steps.Count == 0 || steps.Count > MaxSteps)
        {
            errors.Add("steps", $"Required: 1 to {MaxSteps} steps.");
            return;
        }
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i]?.Id is { } id && StepIdPattern().IsMatch(id) && !ids.TryAdd(id, i))
            {
                errors.Add($"steps[{i}].id", $"'{id}' is used by an earlier step.");
            }
        }
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var at = $"steps[{i}]";
            if (step is null)
            {
                errors.Add(at, "A step object is required.");
                continue;
            }
            if (step.Id is null || !StepIdPattern().IsMatch(step.Id))
            {
                errors.Add(at + ".id", "Required: 1-64 of a-z 0-9 _ -, starting with a letter or digit.");
            }
            StepChecks.Check(step, at, i, ids, trigger, errors, checkTemplate);
        }
    }

    private static void CheckExit(ExitSpec? exit, JourneyErrors errors)
    {
        if (exit?.OnEvents is { } events)
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (!IsEventType(events[i]))
                {
                    errors.Add($"exit.onEvents[{i}]", "An event type such as cart.converted or custom.unsubscribed.");
                }
            }
        }
    }

    private static void CheckReentry(ReentrySpec? reentry, JourneyErrors errors)
    {
        if (reentry is null)
        {
            return;
        }
        if (reentry.Policy is not (ReentryPolicies.Never or ReentryPolicies.Always or ReentryPolicies.After))
        {
            errors.Add("reentry.policy", "Required: never, always or after.");
        }
        if (reentry.Policy == ReentryPolicies.After)
        {
            errors.Range("reentry.afterDays", reentry.AfterDays, 1, 3650, required: true);
        }
        else if (reentry.AfterDays is not null)
        {
            errors.Add("reentry.afterDays", "Only with policy 'after'.");
        }
    }
}
