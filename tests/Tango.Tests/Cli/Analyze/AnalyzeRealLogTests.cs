using System.Text.Json;
using Tango.Cli.Analyze;

namespace Tango.Tests.CliVerbs;

/// <summary>`tango analyze` on transaction logs as they come: customers who arrive late, and a fit that runs to an edge.</summary>
[Collection(CliCollection.Name)]
public sealed class AnalyzeRealLogTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "tango-tests", $"analyze-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private JsonElement Model() => JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "model.json"))).RootElement;

    [Fact]
    public async Task On_the_online_retail_invoices_later_customers_are_counted_apart_and_the_degenerate_fit_is_named()
    {
        var invoices = SharedData.File("online-retail", "invoices.csv");

        var run = await CliRunner.RunAsync(AnalyzeCommand.RunAsync, invoices, "--customer", "CustomerID", "--date", "InvoiceDate",
            "--amount", "TotalPrice", "--calibration-end", "2011-09-09", "--out", _out);

        // No BG/NBD estimate to stand on, so the exit says the fit failed; the files are written all the same.
        Assert.True(run.ExitCode == AnalyzeCommand.NotConverged, run.ToString());
        Assert.Contains("968 customers first bought after the calibration end 2011-09-09", run.Error, StringComparison.Ordinal);
        Assert.Contains("tango analyze: BG/NBD degenerate: a → 0, b → ∞: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("BG/NBD degenerate: a → 0, b → ∞", run.Out, StringComparison.Ordinal);
        var model = Model();
        Assert.Equal((3370, 968), (model.GetProperty("customers").GetInt32(), model.GetProperty("holdoutOnlyCustomers").GetInt32()));
        var bgnbd = model.GetProperty("bgnbd");
        Assert.True(bgnbd.GetProperty("degenerate").GetBoolean());
        Assert.False(bgnbd.GetProperty("converged").GetBoolean());
        Assert.Equal(("zero", "infinity"), (bgnbd.GetProperty("edges").GetProperty("a").GetString(), bgnbd.GetProperty("edges").GetProperty("b").GetString()));
        Assert.StartsWith("degenerate: a → 0, b → ∞: ", bgnbd.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("no dropout", bgnbd.GetProperty("reason").GetString(), StringComparison.Ordinal);
        foreach (var parameter in new[] { "r", "alpha", "a", "b", "logLikelihood" })
        {
            Assert.Equal(JsonValueKind.Null, bgnbd.GetProperty(parameter).ValueKind);
        }
        var gammaGamma = model.GetProperty("gammaGamma");
        Assert.True(gammaGamma.GetProperty("converged").GetBoolean());
        Assert.False(gammaGamma.GetProperty("degenerate").GetBoolean());
        Assert.Equal(3370 + 1, File.ReadAllLines(Path.Combine(_out, "summary.csv")).Length);
    }

    [Fact]
    public async Task Customers_first_seen_after_the_calibration_end_are_left_out_of_the_summary_and_counted()
    {
        using var csv = CsvFile.Write(["customer_id,date,amount", "a,2026-01-01,5", "b,2026-01-02,7", "c,2026-02-03,7", "c,2026-02-04,7",
            "a,2026-01-20,1", "d,2026-02-10,3"]);

        var run = await CliRunner.RunAsync(AnalyzeCommand.RunAsync, csv.Path, "--calibration-end", "2026-01-31", "--unit", "days", "--out", _out);

        Assert.True(File.Exists(Path.Combine(_out, "model.json")), run.ToString());
        Assert.Equal(["customer_id,frequency,recency,T,monetary", "a,1,19,30,1", "b,0,0,29,0"], File.ReadAllLines(Path.Combine(_out, "summary.csv")));
        Assert.Equal((2, 2), (Model().GetProperty("customers").GetInt32(), Model().GetProperty("holdoutOnlyCustomers").GetInt32()));
        Assert.Contains("2 customers first bought after the calibration end 2026-01-31", run.Error, StringComparison.Ordinal);
    }
}
