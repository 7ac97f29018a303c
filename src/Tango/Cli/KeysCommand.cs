using Tango.Hosting;
using Tango.Store.Tenants;

namespace Tango.Cli;

/// <summary>`tango keys create --tenant T --role R`: prints the new key once; only its hash is stored.</summary>
public static class KeysCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (services, options, positional) = CliHost.Create(args);
        await using var scope = services;
        if (positional is not ["create"])
        {
            return CliHost.Usage(2, "Expected: tango keys create --tenant T --role admin|ingest|read");
        }
        var tenant = options["tenant"];
        if (!Validate.IsId(tenant))
        {
            return CliHost.Usage(2, $"--tenant: {Validate.IdRule}");
        }
        if (!Enum.TryParse<Role>(options["role"], ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(options["role"], out _))
        {
            return CliHost.Usage(2, "--role must be admin, ingest or read");
        }
        await TangoServices.PrepareStoreAsync(services, bootstrapAdminKey: null);
        var key = await services.GetRequiredService<ApiKeys>().CreateAsync(tenant!, role);
        Console.WriteLine(key);
        await Console.Error.WriteLineAsync($"Created a {role.ToString().ToLowerInvariant()} key for tenant '{tenant}'. It is shown only this once.");
        return 0;
    }
}
