using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tango.Domain.Journeys;
using Tango.Domain.Money;
using Tango.Store.Infrastructure;
using Tango.Store.Journeys;
using Tango.Store.Programs;
using Tango.Store.Tiers;

namespace Tango.Journeys.Engine;

/// <summary>
/// The two state triggers that read a member's own history: replenishment (a sku they buy again is about to run
/// out, judged by <see cref="Replenishment"/>) and the quarterly value report (the quarter that last ended, in
/// their own numbers). Days are the program's (its time zone, UTC by default).
/// </summary>
public sealed class ReportTriggers(Database db, ProgramStore programs, TierQueries tiers, TimeProvider clock)
{
    /// <summary>How far back purchases are read to learn how long a sku lasts.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(400);

    public async Task<List<Entering>> ReplenishmentAsync(ActiveJourney journey, CancellationToken ct)
    {
        var trigger = journey.Definition.Trigger!;
        var now = clock.GetUtcNow();
        IReadOnlyList<StoredPurchase> purchases;
        TimeZoneInfo zone;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            zone = LocalDates.Zone(null, (await programs.CurrentAsync(connection, null, journey.TenantId)).Document.TimeZone);
            purchases = await ReportScans.PurchasesSinceAsync(connection, journey.TenantId, now - History);
        }
        var today = LocalDates.Today(now, zone);
        var wanted = trigger.Skus?.ToHashSet(StringComparer.Ordinal);
        var bySku = new Dictionary<(string Member, string Sku), List<SkuPurchase>>();
        foreach (var purchase in purchases)
        {
            var on = LocalDates.Today(purchase.OccurredAt, zone);
            foreach (var (sku, quantity) in Lines(purchase.Data))
            {
                if (wanted is null || wanted.Contains(sku))
                {
                    var key = (purchase.MemberId, sku);
                    if (!bySku.TryGetValue(key, out var list))
                    {
                        bySku[key] = list = [];
                    }
                    list.Add(new SkuPurchase(on, quantity));
                }
            }
        }
        var found = new List<Entering>();
        foreach (var ((memberId, sku), list) in bySku)
        {
            var set = trigger.Periods?.GetValueOrDefault(sku);
            if (Replenishment.Judge(sku, list, set is > 0 ? set : null, trigger.DaysBefore ?? Replenishment.DefaultDaysBefore, today) is not { } due)
            {
                continue;
            }
            var value = new JsonObject
            {
                ["sku"] = sku,
                ["lastPurchasedOn"] = Day(due.LastPurchasedOn),
                ["periodDays"] = due.PeriodDays,
                ["dueOn"] = Day(due.DueOn),
                ["learned"] = due.Learned,
            };
            // One reminder per supply: the occasion is the purchase that started it.
            found.Add(new Entering(memberId, $"replenish:{sku}:{Day(due.LastPurchasedOn)}", now,
                new EntryContext { Variable = "replenishment", Value = value, Sku = sku }, now));
        }
        return found;
    }

    public async Task<List<Entering>> ValueReportAsync(ActiveJourney journey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        var program = (await programs.CurrentAsync(connection, null, journey.TenantId)).Document;
        var zone = LocalDates.Zone(null, program.TimeZone);
        var period = ReportPeriods.QuarterBefore(LocalDates.Today(now, zone));
        var occasion = "report:" + period.Name;
        var figures = await ReportScans.QuarterAsync(connection, journey.TenantId, journey.Key, occasion,
            LocalDates.ToInstant(period.From, TimeOnly.MinValue, zone), LocalDates.ToInstant(period.To.AddDays(1), TimeOnly.MinValue, zone));
        var found = new List<Entering>();
        foreach (var f in figures)
        {
            var standing = program.Tiers is { Count: > 0 } ? await tiers.StandingAsync(connection, journey.TenantId, f.MemberId) : null;
            var value = new JsonObject
            {
                ["period"] = period.Name,
                ["from"] = Day(period.From),
                ["to"] = Day(period.To),
                ["purchases"] = f.Purchases,
                ["spent"] = Currency.FromMinor(f.SpentMinor, program.Currency),
                ["currency"] = program.Currency,
                ["pointsEarned"] = f.PointsEarned,
                ["pointsRedeemed"] = f.PointsRedeemed,
                ["pointsExpired"] = f.PointsExpired,
                ["walletEarned"] = Currency.FromMinor(f.WalletEarnedMinor, program.Currency),
                ["rewardsUsed"] = f.RewardsUsed,
                ["tierProgress"] = standing?.Progress is { NextTier: not null } progress ? progress.Text : null,
            };
            found.Add(new Entering(f.MemberId, occasion, now, new EntryContext { Variable = "report", Value = value }, now));
        }
        return found;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The (sku, quantity) of a stored purchase's lines; a purchase without lines names no sku.</summary>
    private static IEnumerable<(string Sku, decimal Quantity)> Lines(string data)
    {
        using var doc = JsonDocument.Parse(data);
        if (!doc.RootElement.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }
        foreach (var line in lines.EnumerateArray())
        {
            if (line.TryGetProperty("sku", out var sku) && sku.ValueKind == JsonValueKind.String)
            {
                var quantity = line.TryGetProperty("quantity", out var q) && q.TryGetDecimal(out var n) ? n : 1m;
                yield return (sku.GetString()!, quantity);
            }
        }
    }
}
