using Tango.Store.Infrastructure;

namespace Tango.Cli;

public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (services, _, _) = CliHost.Create(args);
        await using var _ = services;
        var db = services.GetRequiredService<Database>();
        var applied = await Migrator.MigrateAsync(db, services.GetRequiredService<TimeProvider>());
        Console.WriteLine($"{db.Display}: {applied} migrations applied; the schema is current.");
        return 0;
    }
}
