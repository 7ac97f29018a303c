using System.CommandLine;
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
    /// <summary>Read as the setting `user-password` (see TangoConfiguration).</summary>
    public const string PasswordVariable = "TANGO_USER_PASSWORD";

    public static Task<int> RunAsync(string[] args) => TangoCli.RunAsync(["users", .. args]);

    /// <summary>`users` holds one sub-command per action on dashboard users.</summary>
    public static Command Create() => new("users", "Manage dashboard (/admin) users.") { CreateUser(), RemoveUser() };

    private static Command RemoveUser()
    {
        var tenant = new Option<string>("--tenant") { HelpName = "T", Description = "the user's tenant", Required = true };
        var email = new Option<string>("--email") { HelpName = "E", Description = "the address they sign in with", Required = true };
        var command = new Command("remove", "Remove a dashboard user and end their sessions.")
        {
            tenant, email, CliHost.DatabaseOption(),
        };
        command.SetAction((parse, ct) => RemoveAsync(parse, parse.GetRequiredValue(tenant), parse.GetRequiredValue(email).Trim(), ct));
        return command;
    }

    private static Command CreateUser()
    {
        var tenant = new Option<string>("--tenant") { HelpName = "T", Description = "the user's tenant (created if new)", Required = true };
        var email = new Option<string>("--email") { HelpName = "E", Description = "the address they sign in with", Required = true };
        var role = new Option<string>("--role") { HelpName = "admin|read", Description = "admin changes things, read looks", Required = true };
        var password = new Option<string>("--password")
        {
            HelpName = "P",
            Description = $"the password (else {PasswordVariable}, else the first line of standard input, or a prompt at a terminal)",
        };
        var command = new Command("create", "Create a dashboard user, or set a new password and role for an existing one.")
        {
            tenant, email, role, password, CliHost.DatabaseOption(),
        };
        command.SetAction((parse, ct) => CreateAsync(parse,
            new Request(parse.GetRequiredValue(tenant), parse.GetRequiredValue(email).Trim(), parse.GetRequiredValue(role), parse.GetValue(password)), ct));
        return command;
    }

    private sealed record Request(string Tenant, string Email, string Role, string? Password);

    private static async Task<int> CreateAsync(ParseResult parse, Request request, CancellationToken ct)
    {
        var (tenant, email) = (request.Tenant, request.Email);
        if (!Validate.IsId(tenant))
        {
            throw CliHost.Usage($"--tenant: {Validate.IdRule}");
        }
        CheckEmail(email);
        // Staff sign in to look (read) or to change things (admin); ingest is for machines, which use API keys.
        var role = request.Role.ToLowerInvariant() switch
        {
            "admin" => Role.Admin,
            "read" => Role.Read,
            _ => throw CliHost.Usage("--role must be admin or read (ingest is for API keys, not people)."),
        };
        var password = request.Password ?? CliHost.Configuration(parse)["user-password"] ?? ReadPassword();
        if (password is null || password.Length < StaffUsers.MinPasswordLength || password.Length > 1024)
        {
            throw CliHost.Usage($"The password must be {StaffUsers.MinPasswordLength} to 1024 characters.");
        }
        await using var services = await CliHost.OpenStoreAsync(parse, ct);
        await TangoServices.PrepareStoreAsync(services, bootstrapAdminKey: null, ct);
        var created = await services.GetRequiredService<StaffUsers>().CreateOrUpdateAsync(tenant, email, role, password);
        var name = role.ToString().ToLowerInvariant();
        Console.WriteLine(created
            ? $"Created {name} user {StaffUsers.Normalize(email)} for tenant '{tenant}'. They sign in at /admin."
            : $"Updated user {StaffUsers.Normalize(email)} of tenant '{tenant}': new password, role {name}.");
        return 0;
    }

    private static void CheckEmail(string email)
    {
        if (email.Length is < 3 or > 320 || !email.Contains('@', StringComparison.Ordinal) || email.Any(char.IsWhiteSpace))
        {
            throw CliHost.Usage("--email must be an email address.");
        }
    }

    private static async Task<int> RemoveAsync(ParseResult parse, string tenant, string email, CancellationToken ct)
    {
        if (!Validate.IsId(tenant))
        {
            throw CliHost.Usage($"--tenant: {Validate.IdRule}");
        }
        CheckEmail(email);
        await using var services = await CliHost.OpenStoreAsync(parse, ct);
        await TangoServices.PrepareStoreAsync(services, bootstrapAdminKey: null, ct);
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
