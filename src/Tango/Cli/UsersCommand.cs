using System.Text;
using Tango.Hosting;
using Tango.Store.Staff;
using Tango.Store.Tenants;

namespace Tango.Cli;

/// <summary>
/// `tango users create --tenant T --email E --role admin|read [--password P]`: a dashboard user. The password comes
/// from --password, else TANGO_USER_PASSWORD, else the first line of standard input (or a prompt at a terminal);
/// only its salted PBKDF2 hash is stored. Running it again for the same email sets a new password and role, and ends
/// the user's sessions. `tango users remove --tenant T --email E` removes the user and ends their sessions.
/// </summary>
public static class UsersCommand
{
    public const string PasswordVariable = "TANGO_USER_PASSWORD";
    private const string Expected =
        "Expected: tango users create --tenant T --email E --role admin|read [--password P] or tango users remove --tenant T --email E";

    public static async Task<int> RunAsync(string[] args)
    {
        var (services, options, positional) = CliHost.Create(args);
        await using var scope = services;
        if (positional is not (["create"] or ["remove"]))
        {
            return CliHost.Usage(2, Expected);
        }
        var tenant = options["tenant"];
        if (!Validate.IsId(tenant))
        {
            return CliHost.Usage(2, $"--tenant: {Validate.IdRule}");
        }
        var email = options["email"]?.Trim();
        if (email is null || email.Length is < 3 or > 320 || !email.Contains('@', StringComparison.Ordinal) || email.Any(char.IsWhiteSpace))
        {
            return CliHost.Usage(2, "--email must be an email address.");
        }
        if (positional is ["remove"])
        {
            return await RemoveAsync(services, tenant!, email);
        }
        // Staff sign in to look (read) or to change things (admin); ingest is for machines, which use API keys.
        var role = options["role"]?.ToLowerInvariant() switch
        {
            "admin" => Role.Admin,
            "read" => Role.Read,
            _ => (Role?)null,
        };
        if (role is null)
        {
            return CliHost.Usage(2, "--role must be admin or read (ingest is for API keys, not people).");
        }
        var password = options["password"] ?? Environment.GetEnvironmentVariable(PasswordVariable) ?? ReadPassword();
        if (password is null || password.Length < StaffUsers.MinPasswordLength || password.Length > 1024)
        {
            await Console.Error.WriteLineAsync($"The password must be {StaffUsers.MinPasswordLength} to 1024 characters.");
            return 2;
        }
        await TangoServices.PrepareStoreAsync(services, bootstrapAdminKey: null);
        var created = await services.GetRequiredService<StaffUsers>().CreateOrUpdateAsync(tenant!, email, role.Value, password);
        var name = role.Value.ToString().ToLowerInvariant();
        Console.WriteLine(created
            ? $"Created {name} user {StaffUsers.Normalize(email)} for tenant '{tenant}'. They sign in at /admin."
            : $"Updated user {StaffUsers.Normalize(email)} of tenant '{tenant}': new password, role {name}.");
        return 0;
    }

    private static async Task<int> RemoveAsync(IServiceProvider services, string tenant, string email)
    {
        await TangoServices.PrepareStoreAsync(services, bootstrapAdminKey: null);
        if (!await services.GetRequiredService<StaffUsers>().RemoveAsync(tenant, email))
        {
            await Console.Error.WriteLineAsync($"No user {StaffUsers.Normalize(email)} in tenant '{tenant}'.");
            return 1;
        }
        Console.WriteLine($"Removed user {StaffUsers.Normalize(email)} of tenant '{tenant}'; their sessions have ended.");
        return 0;
    }

    /// <summary>The first line of standard input, or typed at a prompt without echo.</summary>
    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine();
        }
        Console.Error.Write("Password: ");
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return typed.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                {
                    typed.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
