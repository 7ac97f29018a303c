using System.CommandLine;
using Tango.Store.Infrastructure;

namespace Tango.Cli;

/// <summary>`tango migrate`: applies the schema migrations the store lacks, as the server does at start.</summary>
public static class MigrateCommand
{
    public static Task<int> RunAsync(string[] args) => TangoCli.RunAsync(["migrate", .. args]);

    public static Command Create()
    {
        var command = new Command("migrate", "Apply schema migrations and exit (the server does this at start too).") { CliHost.DatabaseOption() };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenStoreAsync(parse, ct);
            var db = services.GetRequiredService<Database>();
            var applied = await Migrator.MigrateAsync(db, services.GetRequiredService<TimeProvider>(), ct);
            Console.WriteLine($"{db.Display}: {applied} migrations applied; the schema is current.");
            return 0;
        });
        return command;
    }
}
