using System.Collections.Concurrent;

namespace Tango.Auth;

/// <summary>
/// Bounds the keys one client address may try that turn out not to exist: <see cref="Burst"/> at once, then one
/// more every <see cref="Refill"/> (a token bucket per address). Past that, requests whose key this node does not
/// already know are refused before the key is looked up (429 with Retry-After), so a guesser costs neither store
/// lookups nor memory; keys already known keep working from that address. Buckets that have refilled are dropped
/// once many addresses are held, so what is kept is bounded by the addresses that guessed in the last few seconds.
/// </summary>
public sealed class KeyGuessThrottle(TimeProvider clock)
{
    public const int Burst = 20;
    public static readonly TimeSpan Refill = TimeSpan.FromSeconds(1);
    private const int PruneAbove = 100_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>How long the address must wait before another unknown key is looked up; null when it may try now.</summary>
    public TimeSpan? Wait(string address)
    {
        if (!_buckets.TryGetValue(address, out var bucket))
        {
            return null;
        }
        lock (bucket)
        {
            bucket.Refresh(clock.GetUtcNow());
            return bucket.Tokens >= 1 ? null : Refill * (1 - bucket.Tokens);
        }
    }

    /// <summary>The address sent a key that does not exist (or is revoked, or malformed).</summary>
    public void Failed(string address)
    {
        var now = clock.GetUtcNow();
        var bucket = _buckets.GetOrAdd(address, _ => new Bucket(now));
        lock (bucket)
        {
            bucket.Refresh(now);
            bucket.Tokens = Math.Max(0, bucket.Tokens - 1);
        }
        if (_buckets.Count > PruneAbove)
        {
            Prune(now);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, bucket) in _buckets)
        {
            lock (bucket)
            {
                bucket.Refresh(now);
                if (bucket.Tokens >= Burst)
                {
                    _buckets.TryRemove(address, out _);
                }
            }
        }
    }

    private sealed class Bucket(DateTimeOffset at)
    {
        public double Tokens { get; set; } = Burst;

        private DateTimeOffset _at = at;

        public void Refresh(DateTimeOffset now)
        {
            if (now > _at)
            {
                Tokens = Math.Min(Burst, Tokens + ((now - _at) / Refill));
                _at = now;
            }
        }
    }
}
