using System.Security.Cryptography;
using System.Text;
using Dapper;
using Tango.Store.Infrastructure;

namespace Tango.Store.Staff;

/// <summary>One thing sign-in attempts are counted against (an account, a client address) and how many it may have.</summary>
public sealed record AttemptSubject(string Name, int Limit);

/// <summary>
/// Sign-in attempts counted in the store, per subject, within a fixed window from the first attempt. An attempt is
/// counted before its password is checked, in one write per attempt (a row lock on PostgreSQL, the single writer on
/// SQLite), so attempts made at the same moment, on one node or several, can never check more passwords than the
/// limit allows. Subjects are kept as hashes.
/// </summary>
public sealed class LoginAttempts(Database db, TimeProvider clock)
{
    /// <summary>Counts an attempt against every subject; answers how long to wait when any of them is over its limit, else null.</summary>
    public async Task<TimeSpan?> BeginAsync(IReadOnlyList<AttemptSubject> subjects, TimeSpan window, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var expired = now - window;
        TimeSpan? wait = null;
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);
        await connection.ExecuteAsync("DELETE FROM login_attempts WHERE since <= @expired", new { expired }, tx);
        foreach (var subject in subjects)
        {
            var counted = await connection.QuerySingleAsync<CountRow>(
                """
                INSERT INTO login_attempts (subject, attempts, since) VALUES (@subject, 1, @now)
                ON CONFLICT (subject) DO UPDATE SET attempts = login_attempts.attempts + 1
                RETURNING attempts, since
                """, new { subject = Hash(subject.Name), now }, tx);
            if (counted.Attempts > subject.Limit)
            {
                var left = counted.Since + window - now;
                wait = wait is { } w && w > left ? w : left;
            }
        }
        await tx.CommitAsync(ct);
        return wait;
    }

    /// <summary>
    /// A right password: the account starts afresh, and the attempt is taken off the address (it was not a guess),
    /// so colleagues behind one address are not locked out by each other's successful sign-ins.
    /// </summary>
    public async Task SucceededAsync(string account, string address, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);
        await connection.ExecuteAsync("DELETE FROM login_attempts WHERE subject = @subject", new { subject = Hash(account) }, tx);
        await connection.ExecuteAsync("UPDATE login_attempts SET attempts = attempts - 1 WHERE subject = @subject AND attempts > 0",
            new { subject = Hash(address) }, tx);
        await tx.CommitAsync(ct);
    }

    private static string Hash(string subject) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)));

    private sealed class CountRow
    {
        public int Attempts { get; init; }
        public DateTimeOffset Since { get; init; }
    }
}
