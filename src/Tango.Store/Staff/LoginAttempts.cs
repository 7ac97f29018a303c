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
        await using (var tx = await db.BeginWriteAsync(connection, ct))
        {
            // Subjects are always counted in the same order (account, then address), so two attempts never wait on each other in a circle.
            foreach (var subject in subjects)
            {
                var counted = await connection.QuerySingleAsync<CountRow>(
                    """
                    INSERT INTO login_attempts (subject, attempts, since) VALUES (@subject, 1, @now)
                    ON CONFLICT (subject) DO UPDATE SET
                        attempts = CASE WHEN login_attempts.since <= @expired THEN 1 ELSE login_attempts.attempts + 1 END,
                        since = CASE WHEN login_attempts.since <= @expired THEN excluded.since ELSE login_attempts.since END
                    RETURNING attempts, since
                    """, new { subject = Hash(subject.Name), now, expired }, tx);
                if (counted.Attempts > subject.Limit)
                {
                    var left = counted.Since + window - now;
                    wait = wait is { } w && w > left ? w : left;
                }
            }
            await tx.CommitAsync(ct);
        }
        // Windows that are over are forgotten, outside the count's transaction so it holds no other rows meanwhile.
        await connection.ExecuteAsync("DELETE FROM login_attempts WHERE since <= @expired", new { expired });
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
