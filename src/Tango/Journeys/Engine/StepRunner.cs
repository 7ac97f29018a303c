using Tango.Domain.Journeys;
using Tango.Domain.Service;
using Tango.Operations;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;
using Tango.Store.Programs;

namespace Tango.Journeys.Engine;

/// <summary>
/// Runs due steps. Entries are claimed in small batches inside one write transaction each (SKIP LOCKED on
/// PostgreSQL), and everything a step does — its outbox message, its points, the entry's next step and due
/// time — commits together. So a step runs exactly once: a crash before the commit leaves the entry due and
/// changes nothing; after it, the entry has moved on.
/// </summary>
public sealed partial class StepRunner(WriteQueue writes, JourneyStore journeys, StepActions actions, ProgramStore programs,
    JourneyOptions options, TimeProvider clock, TangoMetrics metrics, ILogger<StepRunner> logger)
{
    /// <returns>How many entries moved.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var moved = 0;
        while (!ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var sent = new List<string>();
            var claimed = await writes.RunAsync(scope =>
            {
                sent.Clear();
                return BatchAsync(scope, now, sent);
            });
            foreach (var channel in sent)
            {
                metrics.JourneySent(channel);
            }
            moved += claimed;
            if (claimed < options.StepBatch)
            {
                break;
            }
        }
        return moved;
    }

    private async Task<int> BatchAsync(WriteScope scope, DateTimeOffset now, List<string> sent)
    {
        var due = await JourneyEntries.ClaimDueAsync(scope, now, options.StepBatch);
        foreach (var entry in due)
        {
            try
            {
                await AdvanceAsync(scope, entry, now, sent);
            }
            catch (Exception ex) when (ex is Fluid.ParseException or FormatException or InvalidOperationException && !Database.IsTransient(ex))
            {
                // A step that cannot run (a template that broke, data that is not there) ends its entry, not the batch.
                LogStepFailed(logger, entry.JourneyKey, entry.EntryId, ex);
                entry.Finish(EntryStatus.Failed, "step-failed: " + ex.GetType().Name, now);
                await JourneyEntries.SaveAsync(scope, entry);
            }
        }
        return due.Count;
    }

    private async Task AdvanceAsync(WriteScope scope, EntryRow entry, DateTimeOffset now, List<string> sent)
    {
        var definition = await journeys.VersionAsync(scope.Connection, scope.Transaction, entry.TenantId, entry.JourneyKey, entry.Version);
        var member = await JourneyMembers.FindAsync(scope.Connection, scope.Transaction, entry.TenantId, entry.MemberId);
        if (member is null || member.ErasedAt is not null)
        {
            entry.Finish(EntryStatus.Exited, "member-erased", now);
        }
        else if (await actions.ExitReasonAsync(scope, definition, entry) is { } reason)
        {
            entry.Finish(EntryStatus.Exited, reason, now);
        }
        else
        {
            await RunStepsAsync(scope, definition, entry, member, now, sent);
        }
        await JourneyEntries.SaveAsync(scope, entry);
    }

    private async Task RunStepsAsync(WriteScope scope, JourneyDefinition definition, EntryRow entry, JourneyMember member, DateTimeOffset now,
        List<string> sent)
    {
        var steps = definition.Steps!;
        var i = entry.StepIndex;
        while (i < steps.Count)
        {
            var step = steps[i];
            switch (step.Type)
            {
                case StepTypes.Wait:
                    IsoDuration.TryParse(step.Duration, out var wait);
                    entry.StepIndex = i + 1;
                    entry.DueAt = now + wait;
                    return;
                case StepTypes.Branch:
                    var target = await actions.ConditionHoldsAsync(scope, step.If!, entry) ? step.Then! : step.Else!;
                    if (target == StepTypes.Exit)
                    {
                        entry.Finish(EntryStatus.Exited, $"branch:{step.Id}", now);
                        return;
                    }
                    i = IndexOf(steps, target);
                    continue;
                case StepTypes.Grant:
                    if (await actions.GrantAsync(scope, entry, step) is { } points)
                    {
                        entry.PointsGranted += points;
                    }
                    break;
                case StepTypes.Send:
                    if (await HeldUntilAsync(scope, definition, member, now) is { } morning)
                    {
                        entry.StepIndex = i;
                        entry.DueAt = morning;
                        return;
                    }
                    if (await actions.SendAsync(scope, definition, entry, step, member, now) is { } channel)
                    {
                        sent.Add(channel);
                    }
                    break;
            }
            i++;
        }
        entry.StepIndex = steps.Count;
        entry.Finish(EntryStatus.Completed, null, now);
    }

    /// <summary>When the journey's quiet hours hold a send for this member, the instant they end (in the member's zone).</summary>
    private async Task<DateTimeOffset?> HeldUntilAsync(WriteScope scope, JourneyDefinition definition, JourneyMember member, DateTimeOffset now)
    {
        if (definition.QuietHours is not { } quiet || !QuietHours.TryParseTime(quiet.Start, out var start) || !QuietHours.TryParseTime(quiet.End, out var end))
        {
            return null;
        }
        var program = await programs.CurrentAsync(scope, member.TenantId);
        return QuietHours.HeldUntil(now, LocalDates.Zone(member.TimeZone, program.Document.TimeZone), start, end);
    }

    private static int IndexOf(IReadOnlyList<StepSpec> steps, string id)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Id == id)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"No step '{id}'.");
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "Journey {Journey}: entry {EntryId} failed a step and ends")]
    private static partial void LogStepFailed(ILogger logger, string journey, string entryId, Exception exception);
}
