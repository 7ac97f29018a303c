using Dapper;
using Tango.Cli;
using Tango.Store.Infrastructure;
using Tango.Tests.Harness;

namespace Tango.Tests.CliVerbs;

[Collection(CliCollection.Name)]
public sealed class ImportHistoryTests
{
    /// <summary>A surprise for every purchase that earns, with a budget no import could spend.</summary>
    private const string Surprising = """
        {"currency":"GBP","earning":{"pointsPerUnit":1,"rounding":"down"},
         "surprises":{"monthlyBudgetPoints":100000000,"chancePercent":100,"minDaysBetweenPerMember":0,
                      "rewards":[{"id":"plus","name":"+1","points":5},{"id":"more","name":"+2","points":7}]}}
        """;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Importing_the_online_retail_invoices_of_2010_and_2011_draws_no_surprise(StoreUnderTest kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using (var server = await TangoServer.StartOnAsync(store, TangoServer.Start))
        {
            await TangoServer.ExpectAsync(await server.PutProgramAsync(Surprising), 200);
        }
        // The first 3,000 invoices (December 2010 to March 2011) keep the test quick; every one of them is history.
        using var csv = CsvFile.Write(File.ReadLines(SharedData.File("online-retail", "invoices.csv")).Take(3001));

        var run = await CliRunner.RunAsync(ImportCommand.RunAsync, csv.Path, "--database", store.Location);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("3000 imported, 0 already in, 0 failed, of 3000 rows.", run.Out, StringComparison.Ordinal);
        Assert.Equal(3000, await CliRunner.CountAsync(store.Location, "orders"));
        Assert.Equal(0, await CliRunner.CountAsync(store.Location, "surprise_draws"));
        Assert.Equal(0, await CliRunner.CountAsync(store.Location, "surprise_budgets"));
        Assert.Equal(0, await SurpriseLinesAsync(store.Location));
        Assert.Empty(await TangoServer.VerifyStoreAsync(store.Location));
    }

    private static async Task<long> SurpriseLinesAsync(string location)
    {
        await using var db = Database.Open(location);
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_lines WHERE kind = 'surprise'");
    }
}
