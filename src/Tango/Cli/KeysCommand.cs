using System.Globalization;
using Tango.Hosting;
using Tango.Store.Tenants;

namespace Tango.Cli;

/// <summary>
/// `tango keys create --tenant T --role R`: prints the new key once; only its hash is stored.
/// `tango keys list [--tenant T]`: every key's id, tenant, role and dates, never the key.
/// `tango keys revoke KEYID`: the key is refused from then on, on every node within a second.
/// </summary>
public static class KeysCommand
{
    private const string Expected = "Expected: tango keys create --tenant T --role admin|ingest|read, tango keys list [--tenant T] or tango keys revoke KEYID";

    public static async Task<int> RunAsync(string[] args)
    {
        var (services, options, positional) = CliHost.Create(args);
        await using var scope = services;
        return positional switch
        {
            ["create"] => await CreateAsync(services, options),
            ["list"] => await ListAsync(services, options),
            ["revoke", var keyId] => await RevokeAsync(services, keyId),
            _ => CliHost.Usage(2, Expected),
        };
    }

    private static async Task<int> CreateAsync(IServiceProvider services, IConfiguration options)
    {
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
        await Console.Error.WriteLineAsync(
            $"Created {ApiKeys.IdOfKey(key)}, a {role.ToString().ToLowerInvariant()} key for tenant '{tenant}'. It is shown only this once.");
        return 0;
    }

    private static async Task<int> ListAsync(IServiceProvider services, IConfiguration options)
    {
        var tenant = options["tenant"];
        if (tenant is not null && !Validate.IsId(tenant))
        {
            return CliHost.Usage(2, $"--tenant: {Validate.IdRule}");
        }
        await TangoServices.PrepareStoreAsync(services, bootstrapAdminKey: null);
        Console.WriteLine("key_id\ttenant\trole\tcreated_at\tlast_used_at\trevoked_at");
        foreach (var k in await services.GetRequiredService<ApiKeyList>().ListAsync(tenant))
        {
            Console.WriteLine(string.Join('\t', k.KeyId, k.TenantId, k.Role, Instant(k.CreatedAt), Instant(k.LastUsedAt), Instant(k.RevokedAt)));
        }
        return 0;
    }

    private static async Task<int> RevokeAsync(IServiceProvider services, string keyId)
    {
        await TangoServices.PrepareStoreAsync(services, bootstrapAdminKey: null);
        if (await services.GetRequiredService<ApiKeyList>().RevokeAsync(keyId) is not { } key)
        {
            await Console.Error.WriteLineAsync($"No key '{keyId}' (tango keys list shows the key ids).");
            return 1;
        }
        Console.WriteLine($"Revoked {key.KeyId}, a {key.Role} key of tenant '{key.TenantId}', at {Instant(key.RevokedAt)}.");
        return 0;
    }

    private static string Instant(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
