using System.Globalization;
using System.Text.Json;
using Tango.Cli.Analyze;

namespace Tango.Tests.CliVerbs;

[Collection(CliCollection.Name)]
public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "tango-tests", $"analyze-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    /// <summary>tests/data/cdnow/CDNOW_sample.txt as customer_id,date,amount; every tenth date written as a date-time.</summary>
    private static IEnumerable<string> CdnowCsv()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "tests", "data", "cdnow", "CDNOW_sample.txt")))
        {
            directory = directory.Parent;
        }
        var path = Path.Combine(directory!.FullName, "tests", "data", "cdnow", "CDNOW_sample.txt");
        yield return "customer_id,date,amount";
        var row = 0;
        foreach (var line in File.ReadLines(path))
        {
            // master_id sample_id YYYYMMDD number_of_cds dollar_value
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var date = $"{f[2][..4]}-{f[2][4..6]}-{f[2][6..]}";
            yield return $"{f[1]},{(row++ % 10 == 0 ? date + "T18:30:00Z" : date)},{f[4]}";
        }
    }

    private static JsonElement Model(string directory) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "model.json"))).RootElement;

    [Fact]
    public async Task Analyze_on_the_cdnow_sample_writes_the_published_estimates_scores_and_a_holdout_check()
    {
        using var csv = CsvFile.Write(CdnowCsv());

        var run = await CliRunner.RunAsync(AnalyzeCommand.RunAsync, csv.Path, "--calibration-end", "1997-09-30", "--out", _out);

        Assert.True(run.ExitCode == 0, run.ToString());
        var model = Model(_out);
        var bgnbd = model.GetProperty("bgnbd");
        Assert.Equal(0.243, bgnbd.GetProperty("r").GetDouble(), 0.0005);
        Assert.Equal(4.414, bgnbd.GetProperty("alpha").GetDouble(), 0.0005);
        Assert.Equal(0.793, bgnbd.GetProperty("a").GetDouble(), 0.0005);
        Assert.Equal(2.426, bgnbd.GetProperty("b").GetDouble(), 0.0005);
        Assert.Equal(-9582.4, bgnbd.GetProperty("logLikelihood").GetDouble(), 0.05);
        var gammaGamma = model.GetProperty("gammaGamma");
        Assert.Equal(6.25, gammaGamma.GetProperty("p").GetDouble(), 0.005);
        Assert.Equal(3.74, gammaGamma.GetProperty("q").GetDouble(), 0.005);
        Assert.Equal(15.44, gammaGamma.GetProperty("v").GetDouble(), 0.005);
        var holdout = model.GetProperty("holdout");
        Assert.Equal("1998-06-30", holdout.GetProperty("to").GetString());
        Assert.Equal(39, holdout.GetProperty("length").GetDouble(), 1e-12);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7+", "all"],
            holdout.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("frequency").GetString()));

        var summary = File.ReadAllLines(Path.Combine(_out, "summary.csv"));
        Assert.Equal("customer_id,frequency,recency,T,monetary", summary[0]);
        Assert.Equal(2358, summary.Length);
        // Customer 0001 bought on 1997-01-01, 01-18 and 08-02: two repeat days, 213 days, T = 272 days, in weeks.
        Assert.Equal("0001,2,30.428571428571427,38.857142857142854,22.345", summary[1]);
        var customers = File.ReadAllLines(Path.Combine(_out, "customers.csv"));
        Assert.Equal("customer_id,pAlive,expectedPurchases,clv,rfmSegment", customers[0]);
        Assert.Equal(2358, customers.Length);
        var first = customers[1].Split(',');
        Assert.Equal("0001", first[0]);
        Assert.Equal(0.7266, double.Parse(first[1], CultureInfo.InvariantCulture), 0.0005);
        Assert.True(double.Parse(first[3], CultureInfo.InvariantCulture) > 0);
        Assert.False(string.IsNullOrEmpty(first[4]));
    }

    [Fact]
    public async Task A_ready_summary_gives_the_same_model_as_the_transactions_it_came_from()
    {
        using var csv = CsvFile.Write(CdnowCsv());
        var fromTransactions = await CliRunner.RunAsync(AnalyzeCommand.RunAsync, csv.Path, "--calibration-end", "1997-09-30", "--out", _out);
        var second = _out + "-summary";
        try
        {
            var fromSummary = await CliRunner.RunAsync(AnalyzeCommand.RunAsync, Path.Combine(_out, "summary.csv"), "--out", second);

            Assert.True(fromTransactions.ExitCode == 0 && fromSummary.ExitCode == 0, $"{fromTransactions}\n{fromSummary}");
            foreach (var (model, parameter) in new[] { ("bgnbd", "r"), ("bgnbd", "b"), ("bgnbd", "logLikelihood"), ("gammaGamma", "v") })
            {
                Assert.Equal(Model(_out).GetProperty(model).GetProperty(parameter).GetDouble(),
                    Model(second).GetProperty(model).GetProperty(parameter).GetDouble(), 1e-9);
            }
            Assert.Equal(JsonValueKind.Null, Model(second).GetProperty("holdout").ValueKind);
            Assert.Equal(File.ReadAllLines(Path.Combine(_out, "customers.csv")), File.ReadAllLines(Path.Combine(second, "customers.csv")));
        }
        finally
        {
            if (Directory.Exists(second))
            {
                Directory.Delete(second, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Named_columns_quoted_ids_compact_dates_crlf_and_a_byte_order_mark_are_read()
    {
        var path = Path.Combine(Path.GetTempPath(), "tango-tests", $"analyze-{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "\uFEFFShop,Client,Day,Total\r\n"
            + "s1,\"Smith, Ann\",20260101,10\r\n"
            + "s1,\"Smith, Ann\",2026-01-11 09:30:00,4\r\n"
            + "s1, bob ,2026-01-02T23:59:59+02:00,1e1\r\n"
            + "s1,\"Smith, Ann\",2026-01-11,6\r\n"
            + "s1,\"say \"\"hi\"\"\",2026-01-21,3\r\n");
        try
        {
            var run = await CliRunner.RunAsync(AnalyzeCommand.RunAsync, path, "--customer", "client", "--date", "DAY", "--amount", "total",
                "--unit", "days", "--out", _out);

            Assert.True(File.Exists(Path.Combine(_out, "summary.csv")), run.ToString());
            Assert.Equal(
            [
                "customer_id,frequency,recency,T,monetary",
                "\"Smith, Ann\",1,10,20,10",
                "bob,0,0,19,0",
                "\"say \"\"hi\"\"\",0,0,0,0",
            ], File.ReadAllLines(Path.Combine(_out, "summary.csv")));
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["customer_id,day,amount", "a,2026-01-01,5"], "line 1: no column 'date' (name it with --date)" },
        { ["customer_id,date,amount", "a,2026-01-01,5", "b,2026-01-02,7", "a,2026-02-30,5"], "line 4: '2026-02-30' is not a date" },
        { ["customer_id,date,amount", "a,2026-01-01,5", "b,yesterday,7"], "line 3: 'yesterday' is not a date" },
        { ["customer_id,date,amount", "a,2026-01-01,5", "b,2026-01-02,7", "b,2026-01-03,-7"], "line 4: negative amount -7" },
        { ["customer_id,date,amount", "a,2026-01-01,5", "b,2026-01-02,lots"], "line 3: 'lots' is not an amount" },
        { ["customer_id,date,amount", "a,2026-01-01,5", "b,2026-01-02"], "line 3: expected at least 3 fields" },
        // --calibration-end 2026-01-31 below: nobody bought before it.
        { ["customer_id,date,amount", "c,2026-02-03,7", "d,2026-02-04,7", "c,2026-02-05,1"],
            "line 2: no customer has a purchase on or before the calibration end 2026-01-31" },
        { ["customer_id,frequency,recency,T", "a,2,10,20", "b,1,30,20"], "line 3: recency is longer than T" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_reported_by_line_with_a_non_zero_exit_and_nothing_written(string[] lines, string message)
    {
        using var csv = CsvFile.Write(lines);

        var run = await CliRunner.RunAsync(AnalyzeCommand.RunAsync, csv.Path, "--calibration-end", "2026-01-31", "--out", _out);

        Assert.True(run.ExitCode == AnalyzeCommand.BadInput, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out), "nothing may be written on bad input");
    }

    [Fact]
    public async Task A_fit_that_does_not_converge_prints_the_reason_instead_of_numbers()
    {
        using var csv = CsvFile.Write(["customer_id,date,amount", "a,2026-01-01,5", "b,2026-01-05,7", "c,2026-01-09,9"]);

        var run = await CliRunner.RunAsync(AnalyzeCommand.RunAsync, csv.Path, "--out", _out);

        Assert.True(run.ExitCode == AnalyzeCommand.NotConverged, run.ToString());
        Assert.Contains("BG/NBD did not converge: no customer made a repeat purchase", run.Out, StringComparison.Ordinal);
        var bgnbd = Model(_out).GetProperty("bgnbd");
        Assert.Equal(JsonValueKind.Null, bgnbd.GetProperty("r").ValueKind);
        Assert.False(bgnbd.GetProperty("converged").GetBoolean());
        Assert.False(File.Exists(Path.Combine(_out, "customers.csv")));
    }

    [Theory]
    [InlineData("--unit", "months")]
    [InlineData("--horizon", "-3")]
    [InlineData("--discount-rate", "x")]
    [InlineData("--calibration-end", "30/09/1997")]
    [InlineData("--colour", "blue")]
    public async Task Bad_options_exit_2_with_one_line_naming_the_option(string option, string value)
    {
        using var csv = CsvFile.Write(["customer_id,date,amount", "a,2026-01-01,5"]);

        var run = await CliRunner.RunAsync(AnalyzeCommand.RunAsync, csv.Path, option, value, "--out", _out);

        Assert.True(run.ExitCode == AnalyzeCommand.BadOptions, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("tango analyze: ", line, StringComparison.Ordinal);
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out));
    }
}
