using Tango.Domain.Service;

namespace Tango.Domain.Journeys;

/// <summary>Step types and what each of them takes; anything a step type does not take is named as an error.</summary>
public static class StepTypes
{
    public const string Send = "send";
    public const string Grant = "grant";
    public const string Wait = "wait";
    public const string Branch = "branch";

    /// <summary>A branch target that leaves the journey.</summary>
    public const string Exit = "exit";

    public static IReadOnlyList<string> Channels { get; } = ["email", "webhook", "inbox"];
}

internal static class StepChecks
{
    public static void Check(StepSpec step, string at, int index, IReadOnlyDictionary<string, int> ids, TriggerType? trigger,
        JourneyErrors errors, JourneyValidator.TemplateCheck checkTemplate)
    {
        switch (step.Type)
        {
            case StepTypes.Send:
                CheckSend(step, at, trigger, errors, checkTemplate);
                NotTaken(step, at, errors, points: true, reason: true, duration: true, branch: true);
                break;
            case StepTypes.Grant:
                errors.Range(at + ".points", step.Points, 1, 1_000_000, required: true);
                if (step.Reason is { } reason && (reason.Trim().Length is 0 or > 200 || reason.Any(char.IsControl)))
                {
                    errors.Add(at + ".reason", "1-200 characters, no control characters.");
                }
                NotTaken(step, at, errors, send: true, duration: true, branch: true);
                break;
            case StepTypes.Wait:
                if (!IsoDuration.TryParse(step.Duration, out var wait) || wait <= TimeSpan.Zero || wait > JourneyValidator.MaxWait)
                {
                    errors.Add(at + ".duration", "Required: an ISO-8601 duration from PT1S to P365D, such as P3D or PT12H.");
                }
                NotTaken(step, at, errors, send: true, points: true, reason: true, branch: true);
                break;
            case StepTypes.Branch:
                CheckBranch(step, at, index, ids, errors);
                NotTaken(step, at, errors, send: true, points: true, reason: true, duration: true);
                break;
            default:
                errors.Add(at + ".type", "Required: one of send, grant, wait, branch.");
                break;
        }
    }

    private static void CheckSend(StepSpec step, string at, TriggerType? trigger, JourneyErrors errors, JourneyValidator.TemplateCheck checkTemplate)
    {
        if (step.Channel is null || !StepTypes.Channels.Contains(step.Channel))
        {
            errors.Add(at + ".channel", "Required: one of email, webhook, inbox.");
        }
        if (step.Survey is not (null or "nps" or "csat"))
        {
            errors.Add(at + ".survey", "One of nps, csat.");
        }
        if (step.Channel == "email" && string.IsNullOrWhiteSpace(step.Subject))
        {
            errors.Add(at + ".subject", "Required for email.");
        }
        var variables = trigger is null ? null : TemplateVariables.ForStep(trigger, step.Survey is not null);
        if (step.Subject is { } subject)
        {
            if (subject.Length > 200 || subject.Any(c => c is '\r' or '\n'))
            {
                errors.Add(at + ".subject", "At most 200 characters on one line.");
            }
            else if (variables is not null)
            {
                errors.AddAll(at + ".subject", checkTemplate(subject, variables));
            }
        }
        if (string.IsNullOrWhiteSpace(step.Template) || step.Template.Length > JourneyValidator.MaxTemplate)
        {
            errors.Add(at + ".template", $"Required: a Liquid template of at most {JourneyValidator.MaxTemplate} characters.");
        }
        else if (variables is not null)
        {
            errors.AddAll(at + ".template", checkTemplate(step.Template, variables));
        }
    }

    private static void CheckBranch(StepSpec step, string at, int index, IReadOnlyDictionary<string, int> ids, JourneyErrors errors)
    {
        var condition = step.If;
        if (condition is null || (condition.Purchased is null) == (condition.Event is null))
        {
            errors.Add(at + ".if", "Required: {\"purchased\": true} or {\"event\": \"<type>\"}.");
        }
        else if (condition.Purchased == false)
        {
            errors.Add(at + ".if.purchased", "Only true: swap then and else to branch on no purchase.");
        }
        else if (condition.Event is not null && !JourneyValidator.IsEventType(condition.Event))
        {
            errors.Add(at + ".if.event", "An event type such as custom.review-posted.");
        }
        foreach (var (field, target) in new[] { ("then", step.Then), ("else", step.Else) })
        {
            // Only forward jumps, so a journey always ends.
            if (target != StepTypes.Exit && (target is null || !ids.TryGetValue(target, out var to) || to <= index))
            {
                errors.Add($"{at}.{field}", "Required: the id of a later step, or \"exit\".");
            }
        }
    }

    private static void NotTaken(StepSpec step, string at, JourneyErrors errors, bool send = false, bool points = false, bool reason = false,
        bool duration = false, bool branch = false)
    {
        var type = step.Type;
        void Refuse(string field, bool present)
        {
            if (present)
            {
                errors.Add($"{at}.{field}", $"A {type} step does not take {field}.");
            }
        }
        if (send)
        {
            Refuse("channel", step.Channel is not null);
            Refuse("subject", step.Subject is not null);
            Refuse("template", step.Template is not null);
            Refuse("survey", step.Survey is not null);
        }
        Refuse("points", points && step.Points is not null);
        Refuse("reason", reason && step.Reason is not null);
        Refuse("duration", duration && step.Duration is not null);
        if (branch)
        {
            Refuse("if", step.If is not null);
            Refuse("then", step.Then is not null);
            Refuse("else", step.Else is not null);
        }
    }
}
