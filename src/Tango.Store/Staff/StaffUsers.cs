using System.Security.Cryptography;
using System.Text;
using Dapper;
using Tango.Store.Infrastructure;
using Tango.Store.Tenants;

namespace Tango.Store.Staff;

/// <summary>A dashboard user: one tenant, one role (admin or read).</summary>
public sealed record StaffUser(string TenantId, string Email, Role Role);

/// <summary>A user as a session sees it: with the security stamp its cookie must carry to be accepted.</summary>
public sealed record StaffUserStamp(StaffUser User, string Stamp);

/// <summary>
/// Dashboard users per tenant. Passwords are people's, so unlike API keys they get a slow, salted hash:
/// PBKDF2-HMAC-SHA256 (Rfc2898DeriveBytes.Pbkdf2) with 600,000 iterations and a 16-byte random salt, stored as
/// "pbkdf2-sha256$iterations$salt$hash" so the cost can be raised later without breaking old hashes.
/// Each user has a security stamp, a random value every session cookie carries: a new password or a logout gives
/// the user a new stamp, which ends every session made before it on every node.
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
            INSERT INTO staff_users (tenant_id, email, password_hash, role, created_at, updated_at, security_stamp)
            VALUES (@tenantId, @normalized, @hash, @role, @now, @now, @stamp)
            ON CONFLICT (tenant_id, email) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role,
                updated_at = excluded.updated_at, security_stamp = excluded.security_stamp
            """,
            new { tenantId, normalized, hash, role = role.ToString().ToLowerInvariant(), now, stamp = NewStamp() }, tx);
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

    /// <summary>The user and their current security stamp; null when the user is gone.</summary>
    public async Task<StaffUserStamp?> FindSessionAsync(string tenantId, string email, CancellationToken ct = default)
    {
        var normalized = Normalize(email);
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            "SELECT tenant_id, email, role, security_stamp FROM staff_users WHERE tenant_id = @tenantId AND email = @normalized",
            new { tenantId, normalized });
        return row is null ? null : new StaffUserStamp(new StaffUser(row.TenantId, row.Email, Enum.Parse<Role>(row.Role, ignoreCase: true)), row.SecurityStamp);
    }

    /// <summary>Ends every session of the user (a logout): the stamp their cookies carry is no longer theirs.</summary>
    public async Task RenewStampAsync(string tenantId, string email, CancellationToken ct = default)
    {
        var normalized = Normalize(email);
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(
            "UPDATE staff_users SET security_stamp = @stamp WHERE tenant_id = @tenantId AND email = @normalized",
            new { stamp = NewStamp(), tenantId, normalized });
    }

    /// <summary>Removes the user; their sessions end with the next request they make. False when there was no such user.</summary>
    public async Task<bool> RemoveAsync(string tenantId, string email, CancellationToken ct = default)
    {
        var normalized = Normalize(email);
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync("DELETE FROM staff_users WHERE tenant_id = @tenantId AND email = @normalized",
            new { tenantId, normalized }) > 0;
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

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
        public string SecurityStamp { get; init; } = "";
    }
}
