using System.CommandLine;
using Tango.Hosting;
using Tango.Store.Tenants;

namespace Tango.Cli;

/// <summary>`tango keys create --tenant T --role R`: prints the new key once; only its hash is stored.</summary>
public static class KeysCommand
{
    /// <summary>`tango keys …` with these arguments, as the command line runs it.</summary>
    public static Task<int> RunAsync(string[] args) => TangoCli.RunAsync(["keys", .. args]);

    /// <summary>`keys` holds one sub-command per action on API keys.</summary>
    public static Command Create() => new("keys", "Manage API keys.") { CreateKey() };

    private static Command CreateKey()
    {
        var tenant = new Option<string>("--tenant") { HelpName = "T", Description = "the key's tenant (created if new)", Required = true };
        var role = new Option<string>("--role") { HelpName = "admin|ingest|read", Description = "what the key may do", Required = true };
        var command = new Command("create", "Print a new API key once (creating the tenant if new); only its hash is stored.")
        {
            tenant, role, CliHost.DatabaseOption(),
        };
        command.SetAction((parse, ct) => CreateAsync(parse, parse.GetRequiredValue(tenant), parse.GetRequiredValue(role), ct));
        return command;
    }

    private static async Task<int> CreateAsync(ParseResult parse, string tenant, string roleName, CancellationToken ct)
    {
        if (!Validate.IsId(tenant))
        {
            throw CliHost.Usage($"--tenant: {Validate.IdRule}");
        }
        if (!Enum.TryParse<Role>(roleName, ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(roleName, out _))
        {
            throw CliHost.Usage("--role must be admin, ingest or read.");
        }
        await using var services = await CliHost.OpenStoreAsync(parse, ct);
        await TangoServices.PrepareStoreAsync(services, bootstrapAdminKey: null, ct);
        var key = await services.GetRequiredService<ApiKeys>().CreateAsync(tenant, role);
        Console.WriteLine(key);
        await Console.Error.WriteLineAsync($"Created a {role.ToString().ToLowerInvariant()} key for tenant '{tenant}'. It is shown only this once.");
        return 0;
    }
}
