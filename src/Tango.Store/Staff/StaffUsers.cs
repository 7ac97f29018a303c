using System.Security.Cryptography;
using System.Text;
using Dapper;
using Tango.Store.Infrastructure;
using Tango.Store.Tenants;

namespace Tango.Store.Staff;

/// <summary>A dashboard user: one tenant, one role (admin or read).</summary>
public sealed record StaffUser(string TenantId, string Email, Role Role);

/// <summary>
/// Dashboard users per tenant. Passwords are people's, so unlike API keys they get a slow, salted hash:
/// PBKDF2-HMAC-SHA256 (Rfc2898DeriveBytes.Pbkdf2) with 600,000 iterations and a 16-byte random salt, stored as
/// "pbkdf2-sha256$iterations$salt$hash" so the cost can be raised later without breaking old hashes.
/// </summary>
public sealed class StaffUsers(Database db, TimeProvider clock)
{
    public const int Iterations = 600_000;
    public const int MinPasswordLength = 12;
    private const string Scheme = "pbkdf2-sha256";

    /// <summary>Creates the user (and the tenant if new), or sets a new password and role for an existing one.</summary>
    /// <returns>True when the user was created, false when it existed and was updated.</returns>
    public async Task<bool> CreateOrUpdateAsync(string tenantId, string email, Role role, string password, CancellationToken ct = default)
    {
        var hash = HashPassword(password);
        var normalized = Normalize(email);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            "INSERT INTO tenants (tenant_id, created_at) VALUES (@tenantId, @now) ON CONFLICT (tenant_id) DO NOTHING",
            new { tenantId, now }, tx);
        var existed = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM staff_users WHERE tenant_id = @tenantId AND email = @normalized", new { tenantId, normalized }, tx) > 0;
        await connection.ExecuteAsync(
            """
            INSERT INTO staff_users (tenant_id, email, password_hash, role, created_at, updated_at)
            VALUES (@tenantId, @normalized, @hash, @role, @now, @now)
            ON CONFLICT (tenant_id, email) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, updated_at = excluded.updated_at
            """,
            new { tenantId, normalized, hash, role = role.ToString().ToLowerInvariant(), now }, tx);
        await tx.CommitAsync(ct);
        return !existed;
    }

    /// <summary>The user when the password is right; null for an unknown user or a wrong password (the same work either way).</summary>
    public async Task<StaffUser?> CheckAsync(string tenantId, string email, string password, CancellationToken ct = default)
    {
        var normalized = Normalize(email);
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            "SELECT tenant_id, email, password_hash, role FROM staff_users WHERE tenant_id = @tenantId AND email = @normalized",
            new { tenantId, normalized });
        // An unknown user still costs one hash, so timing does not tell which emails exist.
        var ok = VerifyPassword(password, row?.PasswordHash ?? s_decoy.Value);
        return row is not null && ok ? new StaffUser(row.TenantId, row.Email, Enum.Parse<Role>(row.Role, ignoreCase: true)) : null;
    }

    /// <summary>The user as stored now (role changes apply to signed-in sessions); null when gone.</summary>
    public async Task<StaffUser?> FindAsync(string tenantId, string email, CancellationToken ct = default)
    {
        var normalized = Normalize(email);
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            "SELECT tenant_id, email, password_hash, role FROM staff_users WHERE tenant_id = @tenantId AND email = @normalized",
            new { tenantId, normalized });
        return row is null ? null : new StaffUser(row.TenantId, row.Email, Enum.Parse<Role>(row.Role, ignoreCase: true));
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static string HashPassword(string password, int iterations = Iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool VerifyPassword(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts is not [Scheme, var count, var saltText, var hashText] || !int.TryParse(count, out var iterations) || iterations is < 1 or > 10_000_000)
        {
            return false;
        }
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(saltText);
            expected = Convert.FromBase64String(hashText);
        }
        catch (FormatException)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static readonly Lazy<string> s_decoy = new(() => HashPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    private sealed class UserRow
    {
        public string TenantId { get; init; } = "";
        public string Email { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public string Role { get; init; } = "";
    }
}
