using System.Collections.Concurrent;

namespace Tango.Web;

/// <summary>
/// Slows down password guessing on the dashboard login: after <see cref="FreeFailures"/> failures for one
/// (tenant, email) or from one address within <see cref="Window"/>, further attempts are refused until the
/// window has passed. Kept in memory per node: a restart forgets it, and each node counts on its own.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long until another attempt is allowed; null when it is allowed now.</summary>
    public TimeSpan? Wait(params string[] subjects)
    {
        var now = clock.GetUtcNow();
        TimeSpan? wait = null;
        foreach (var subject in subjects)
        {
            if (_failures.TryGetValue(subject, out var f) && f.Count >= FreeFailures && f.Since + Window > now)
            {
                var left = f.Since + Window - now;
                wait = wait is { } w && w > left ? w : left;
            }
        }
        return wait;
    }

    public void Failed(params string[] subjects)
    {
        var now = clock.GetUtcNow();
        foreach (var subject in subjects)
        {
            _failures.AddOrUpdate(subject, _ => new Failures(1, now),
                (_, f) => f.Since + Window <= now ? new Failures(1, now) : f with { Count = f.Count + 1 });
        }
        if (_failures.Count > 100_000)
        {
            foreach (var (key, f) in _failures)
            {
                if (f.Since + Window <= now)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
    }

    public void Succeeded(string subject) => _failures.TryRemove(subject, out _);

    private sealed record Failures(int Count, DateTimeOffset Since);
}
