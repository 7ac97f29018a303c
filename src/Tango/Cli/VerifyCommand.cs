using System.CommandLine;
using Tango.Store.Infrastructure;
using Tango.Store.Verification;

namespace Tango.Cli;

/// <summary>`tango verify`: exit 0 when every ledger invariant holds, else 1 with each broken one listed.</summary>
public static class VerifyCommand
{
    public static Task<int> RunAsync(string[] args) => TangoCli.RunAsync(["verify", .. args]);

    public static Command Create()
    {
        var command = new Command("verify",
            "Check every ledger invariant of the store (balances, lots, refunds, referral rewards, challenges); exit 0, or 1 listing each problem.")
        {
            CliHost.DatabaseOption(),
        };
        command.SetAction(VerifyAsync);
        return command;
    }

    private static async Task<int> VerifyAsync(ParseResult parse, CancellationToken ct)
    {
        await using var services = await CliHost.OpenStoreAsync(parse, ct);
        var db = services.GetRequiredService<Database>();
        if (!await Migrator.IsCurrentAsync(db))
        {
            await Console.Error.WriteLineAsync($"The store at {db.Display} is missing or not migrated; nothing to verify.");
            return 1;
        }
        var verifier = services.GetRequiredService<StoreVerifier>();
        var problems = await verifier.VerifyAsync();
        var (members, lines) = await verifier.CountsAsync();
        foreach (var problem in problems)
        {
            Console.WriteLine(problem);
        }
        Console.WriteLine(problems.Count == 0
            ? $"OK: {members} members, {lines} ledger lines; every balance equals the sum of its lines."
            : $"FAILED: {problems.Count} problems in {members} members and {lines} ledger lines.");
        return problems.Count == 0 ? 0 : 1;
    }
}
