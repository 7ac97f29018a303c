using System.CommandLine;
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
    /// <summary>`tango keys …` with these arguments, as the command line runs it.</summary>
    public static Task<int> RunAsync(string[] args) => TangoCli.RunAsync(["keys", .. args]);

    /// <summary>`keys` holds one sub-command per action on API keys.</summary>
    public static Command Create() => new("keys", "Manage API keys.") { CreateKey(), ListKeys(), RevokeKey() };

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

    private static Command ListKeys()
    {
        var tenant = new Option<string>("--tenant") { HelpName = "T", Description = "only this tenant's keys" };
        var command = new Command("list", "Every key's id, tenant, role, creation, last use and revocation (never the key itself).")
        {
            tenant, CliHost.DatabaseOption(),
        };
        command.SetAction((parse, ct) => ListAsync(parse, parse.GetValue(tenant), ct));
        return command;
    }

    private static Command RevokeKey()
    {
        var keyId = new Argument<string>("KEYID") { Description = "the key's id, as `tango keys list` shows it" };
        var command = new Command("revoke", "Refuse the key from now on, on every node within a second.")
        {
            keyId, CliHost.DatabaseOption(),
        };
        command.SetAction((parse, ct) => RevokeAsync(parse, parse.GetRequiredValue(keyId), ct));
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
        await Console.Error.WriteLineAsync(
            $"Created {ApiKeys.IdOfKey(key)}, a {role.ToString().ToLowerInvariant()} key for tenant '{tenant}'. It is shown only this once.");
        return 0;
    }

    private static async Task<int> ListAsync(ParseResult parse, string? tenant, CancellationToken ct)
    {
        if (tenant is not null && !Validate.IsId(tenant))
        {
            throw CliHost.Usage($"--tenant: {Validate.IdRule}");
        }
        await using var services = await CliHost.OpenStoreAsync(parse, ct);
        await TangoServices.PrepareStoreAsync(services, bootstrapAdminKey: null, ct);
        Console.WriteLine("key_id\ttenant\trole\tcreated_at\tlast_used_at\trevoked_at");
        foreach (var k in await services.GetRequiredService<ApiKeyList>().ListAsync(tenant, ct))
        {
            Console.WriteLine(string.Join('\t', k.KeyId, k.TenantId, k.Role, Instant(k.CreatedAt), Instant(k.LastUsedAt), Instant(k.RevokedAt)));
        }
        return 0;
    }

    private static async Task<int> RevokeAsync(ParseResult parse, string keyId, CancellationToken ct)
    {
        await using var services = await CliHost.OpenStoreAsync(parse, ct);
        await TangoServices.PrepareStoreAsync(services, bootstrapAdminKey: null, ct);
        if (await services.GetRequiredService<ApiKeyList>().RevokeAsync(keyId, ct) is not { } key)
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
