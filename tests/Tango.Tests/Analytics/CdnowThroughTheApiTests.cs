using System.Globalization;
using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Analytics;

/// <summary>
/// The CDNOW 1/10 sample's 39-week calibration period sent as purchases over HTTP, then analysed by the
/// server in days. BG/NBD's published estimates are in weeks; in days r, a and b are the same and α is 7 times larger.
/// </summary>
public sealed class CdnowThroughTheApiTests
{
    // The end of the calibration period, 1997-09-30: the server's analysis runs "as of today".
    private static readonly DateTimeOffset CalibrationEnd = new(1997, 9, 30, 23, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_server_fits_bgnbd_on_cdnow_to_the_published_estimates_and_scores_every_customer(StoreUnderTest store)
    {
        await using var server = await StartAsync(store, CalibrationEnd);
        var purchases = CalibrationPurchases();
        for (var start = 0; start < purchases.Count; start += 5_000)
        {
            var batch = "[" + string.Join(",", purchases.Skip(start).Take(5_000)) + "]";
            var results = (await ExpectAsync(await server.Admin.PostAsync("/v1/events:batch", Json(batch)), 200))["results"]!.AsArray();
            Assert.All(results, r => Assert.Equal(200, Value<int>(r!["status"])));
        }

        var refreshed = await ExpectAsync(await server.Admin.PostAsync("/v1/analytics:refresh", null), 200);
        var clv = await ExpectAsync(await server.Admin.GetAsync("/v1/analytics/clv"), 200);
        var loyal = await ExpectAsync(await server.Admin.GetAsync("/v1/members/c0004/insights"), 200);

        Assert.True(Value<bool>(refreshed["modelFitted"]), refreshed.ToJsonString());
        Assert.Equal(2357, Value<int>(clv["purchasers"]));
        var bgnbd = clv["bgnbd"]!;
        Assert.Equal(0.243, Value<double>(bgnbd["r"]), 0.0005);
        Assert.Equal(4.414, Value<double>(bgnbd["alpha"]) / 7, 0.0005);
        Assert.Equal(0.793, Value<double>(bgnbd["a"]), 0.0005);
        Assert.Equal(2.426, Value<double>(bgnbd["b"]), 0.0005);
        Assert.NotNull(clv["gammaGamma"]);
        Assert.True(Value<double>(clv["distribution"]!["total"]) > 0);
        Assert.InRange(Value<double>(loyal["pAlive"]), 0.0, 1.0);
        Assert.True(Value<double>(loyal["expectedPurchases90d"]) > 0);
        Assert.True(Value<double>(loyal["predictedClv12m"]) > 0);
    }

    /// <summary>One purchase event per sample row up to 1997-09-30; one customer's rows on one day stay separate orders.</summary>
    private static List<string> CalibrationPurchases()
    {
        var events = new List<string>();
        var row = 0;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "cdnow", "CDNOW_sample.txt")))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var day = DateOnly.ParseExact(fields[2], "yyyyMMdd", CultureInfo.InvariantCulture);
            if (day > DateOnly.FromDateTime(CalibrationEnd.UtcDateTime))
            {
                continue;
            }
            row++;
            events.Add(new JsonObject
            {
                ["idempotencyKey"] = $"cdnow-{row}",
                ["type"] = "purchase",
                ["memberId"] = "c" + fields[1],
                ["occurredAt"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T12:00:00Z",
                ["data"] = new JsonObject { ["orderId"] = $"o-{row}", ["total"] = JsonValue.Create(decimal.Parse(fields[4], CultureInfo.InvariantCulture)) },
            }.ToJsonString());
        }
        return events;
    }
}
