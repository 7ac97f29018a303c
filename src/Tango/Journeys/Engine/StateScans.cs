using System.Globalization;
using System.Text.Json.Nodes;
using Tango.Domain.Journeys;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;
using Tango.Store.Programs;

namespace Tango.Journeys.Engine;

/// <summary>
/// The triggers that are states, looked for every <see cref="JourneyOptions.ScanInterval"/>: birthdays and
/// first-purchase anniversaries (on the day in the member's own time zone), members whose P(alive) fell or
/// whose RFM segment turned at-risk, a supply about to run out, a quarter to report on (<see cref="ReportTriggers"/>); and, on every run, the apologies service recovery left to send.
/// </summary>
public sealed class StateScans(Database db, WriteQueue writes, JourneyEntries entries, ProgramStore programs, ReportTriggers reports,
    JourneyOptions options, TimeProvider clock)
{
    private const int Chunk = 200;
    private DateTimeOffset? _lastScan;

    public async Task<int> RunAsync(IReadOnlyList<ActiveJourney> active, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var dueForScan = _lastScan is not { } last || now - last >= options.ScanInterval;
        var entered = 0;
        foreach (var tenant in active.GroupBy(j => j.TenantId))
        {
            ct.ThrowIfCancellationRequested();
            entered += await ApologiesAsync(tenant.Key, tenant.Where(j => Is(j, TriggerTypes.ServiceRecovery)).ToList(), ct);
            if (!dueForScan)
            {
                continue;
            }
            foreach (var journey in tenant)
            {
                entered += journey.Definition.Trigger?.Type switch
                {
                    TriggerTypes.Birthday => await DatesAsync(journey, birthdays: true, now, ct),
                    TriggerTypes.Anniversary => await DatesAsync(journey, birthdays: false, now, ct),
                    TriggerTypes.Reactivation => await LapsingAsync(journey, now, ct),
                    TriggerTypes.Replenishment => await EnterAsync(journey, await reports.ReplenishmentAsync(journey, ct)),
                    TriggerTypes.ValueReport => await EnterAsync(journey, await reports.ValueReportAsync(journey, ct)),
                    _ => 0,
                };
            }
        }
        if (dueForScan)
        {
            _lastScan = now;
        }
        return entered;
    }

    private static bool Is(ActiveJourney journey, string type) => journey.Definition.Trigger?.Type == type;

    /// <summary>
    /// Members whose birthday (or first-purchase anniversary) is today in their own zone. Zones run from
    /// UTC−12 to UTC+14, so the candidates are those whose date is yesterday, today or tomorrow in UTC.
    /// </summary>
    private async Task<int> DatesAsync(ActiveJourney journey, bool birthdays, DateTimeOffset now, CancellationToken ct)
    {
        var daysBefore = journey.Definition.Trigger?.DaysBefore ?? 0;
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime).AddDays(daysBefore);
        var monthDays = new HashSet<string>(StringComparer.Ordinal);
        for (var d = -1; d <= 1; d++)
        {
            var day = utcToday.AddDays(d);
            monthDays.Add(day.ToString("MM-dd", CultureInfo.InvariantCulture));
            if (day is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(day.Year))
            {
                monthDays.Add("02-29");
            }
        }
        IReadOnlyList<DatedMember> candidates;
        string? programZone;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            candidates = birthdays
                ? await Scans.BirthdaysAsync(connection, journey.TenantId, monthDays)
                : await Scans.FirstPurchasesAsync(connection, journey.TenantId, monthDays);
            programZone = (await programs.CurrentAsync(connection, null, journey.TenantId)).Document.TimeZone;
        }
        var found = new List<Entering>();
        foreach (var member in candidates)
        {
            if (!LocalDates.TryParseDate(member.Date, out var date)
                || LocalDates.AnnualOccasion(date, now, LocalDates.Zone(member.TimeZone, programZone), daysBefore) is not { } year
                || (!birthdays && year <= date.Year))
            {
                continue;
            }
            var on = LocalDates.InYear(date, year).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var value = birthdays
                ? new JsonObject { ["date"] = on, ["age"] = year - date.Year }
                : new JsonObject { ["date"] = on, ["years"] = year - date.Year };
            var name = birthdays ? "birthday" : "anniversary";
            found.Add(new Entering(member.MemberId, $"{name}:{year}", now, new EntryContext { Variable = name, Value = value }, now));
        }
        return await EnterAsync(journey, found);
    }

    private async Task<int> LapsingAsync(ActiveJourney journey, DateTimeOffset now, CancellationToken ct)
    {
        var trigger = journey.Definition.Trigger!;
        IReadOnlyList<LapsingMember> lapsing;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            lapsing = await Scans.LapsingAsync(connection, journey.TenantId, trigger.PAliveBelow, trigger.Segments);
        }
        // One occasion per analytics refresh; the re-entry policy (every 90 days unless told) keeps it from nagging.
        var found = lapsing.Select(m => new Entering(m.MemberId,
            "insights:" + m.ComputedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), now, new EntryContext(), now)).ToList();
        return await EnterAsync(journey, found);
    }

    private async Task<int> ApologiesAsync(string tenantId, IReadOnlyList<ActiveJourney> journeys, CancellationToken ct)
    {
        if (journeys.Count == 0)
        {
            return 0;
        }
        IReadOnlyList<PendingApology> pending;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            pending = await Scans.PendingApologiesAsync(connection, tenantId, Chunk);
        }
        if (pending.Count == 0)
        {
            return 0;
        }
        return await writes.RunAsync(async scope =>
        {
            var entered = 0;
            foreach (var apology in pending)
            {
                var taking = journeys.Where(j => j.Definition.Trigger?.Causes is not { } causes || causes.Contains(apology.Cause)).ToList();
                if (taking.Count == 0)
                {
                    continue; // left pending for a journey that answers this cause
                }
                var value = new JsonObject
                {
                    ["id"] = apology.CaseId,
                    ["cause"] = apology.Cause,
                    ["reason"] = apology.Reason,
                    ["ticketId"] = apology.TicketId,
                    ["responseId"] = apology.ResponseId,
                    ["orderId"] = apology.OrderId,
                    ["compensationPoints"] = apology.CompensationGranted,
                };
                var context = new EntryContext
                {
                    Variable = "case",
                    Value = value,
                    CaseId = apology.CaseId,
                    TicketId = apology.TicketId,
                    ServiceMessageId = apology.MessageId,
                };
                var now = clock.GetUtcNow();
                var status = "skipped";
                foreach (var journey in taking)
                {
                    var outcome = await entries.EnterAsync(scope, journey, new Entering(apology.MemberId, "case:" + apology.CaseId, now, context, now));
                    status = outcome switch
                    {
                        EntryOutcome.Entered or EntryOutcome.Duplicate => "queued",
                        EntryOutcome.HeldOut when status != "queued" => "held-out",
                        _ => status,
                    };
                    entered += outcome is EntryOutcome.Entered or EntryOutcome.HeldOut ? 1 : 0;
                }
                await Scans.MarkApologyAsync(scope, tenantId, apology.MemberId, apology.MessageId, status);
            }
            return entered;
        });
    }

    private async Task<int> EnterAsync(ActiveJourney journey, List<Entering> found)
    {
        var entered = 0;
        foreach (var chunk in found.Chunk(Chunk))
        {
            entered += await writes.RunAsync(async scope =>
            {
                var n = 0;
                foreach (var entering in chunk)
                {
                    n += await entries.EnterAsync(scope, journey, entering) is EntryOutcome.Entered or EntryOutcome.HeldOut ? 1 : 0;
                }
                return n;
            });
        }
        return entered;
    }
}
