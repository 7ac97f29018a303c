using System.Security.Cryptography;

namespace Tango.Domain.Coupons;

/// <summary>
/// Coupon codes: a prefix and a pattern whose X's are drawn by a cryptographic RNG from an alphabet without
/// look-alikes (no 0/O, 1/I/L), so codes can be read out over the phone and cannot be guessed.
/// </summary>
public static class CouponCodes
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const string DefaultPattern = "XXXX-XXXX";
    public const int MaxPrefix = 16;
    public const int MaxPattern = 32;
    public const int MinRandom = 6;

    /// <summary>A random guess must hit a live code at most once in this many tries.</summary>
    public const double GuessOdds = 1_000_000;

    public static int RandomPositions(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return pattern.Count(c => c == 'X');
    }

    /// <summary>Why a prefix is refused; null when fine (0–16 of A-Z, 0-9 and '-').</summary>
    public static string? CheckPrefix(string? prefix) =>
        prefix is null || (prefix.Length <= MaxPrefix && prefix.All(IsLiteral))
            ? null
            : $"At most {MaxPrefix} characters of A-Z, 0-9 and '-'.";

    /// <summary>Why a pattern is refused for a batch of <paramref name="count"/>; null when fine.</summary>
    public static string? CheckPattern(string pattern, int count)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length is 0 or > MaxPattern || !pattern.All(c => c == 'X' || IsLiteral(c)))
        {
            return $"1 to {MaxPattern} characters: X for a random character, or A-Z, 0-9 and '-' as they are.";
        }
        var positions = RandomPositions(pattern);
        if (positions < MinRandom)
        {
            return $"Needs at least {MinRandom} X's to be unguessable.";
        }
        return Math.Pow(Alphabet.Length, positions) < Math.Max(1, count) * GuessOdds
            ? $"Too few X's for {count} codes: one guess in a million could hit a live code."
            : null;
    }

    /// <summary>
    /// <paramref name="count"/> distinct codes. Uniqueness against codes already stored is the store's to check
    /// (a unique key); it asks for replacements of the ones taken.
    /// </summary>
    public static List<string> Generate(string prefix, string pattern, int count)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(pattern);
        var positions = RandomPositions(pattern);
        if (positions < 1)
        {
            throw new ArgumentException("The pattern has no X to draw.", nameof(pattern));
        }
        var seen = new HashSet<string>(count, StringComparer.Ordinal);
        var codes = new List<string>(count);
        var random = new char[Math.Max(1, positions) * Math.Max(1, count)];
        var buffer = new char[prefix.Length + pattern.Length];
        prefix.CopyTo(buffer);
        while (codes.Count < count)
        {
            var batch = random.AsSpan(0, positions * (count - codes.Count));
            RandomNumberGenerator.GetItems(Alphabet.AsSpan(), batch);
            for (var at = 0; at + positions <= batch.Length; at += positions)
            {
                var next = 0;
                for (var i = 0; i < pattern.Length; i++)
                {
                    buffer[prefix.Length + i] = pattern[i] == 'X' ? batch[at + next++] : pattern[i];
                }
                var code = new string(buffer);
                if (seen.Add(code))
                {
                    codes.Add(code);
                }
            }
        }
        return codes;
    }

    /// <summary>How codes are compared: trimmed and upper-case, since people type them.</summary>
    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Trim().ToUpperInvariant();
    }

    private static bool IsLiteral(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-';
}
