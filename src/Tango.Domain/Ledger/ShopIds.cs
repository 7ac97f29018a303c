using System.Globalization;

namespace Tango.Domain.Ledger;

/// <summary>
/// Ids a shop makes up itself: order numbers, SKUs, cart, refund and reward ids. Shops write them as they like
/// ("#1001/7", "BEANS 1KG/DARK"), so any printable text is taken; what is refused is what no one can see or type
/// on purpose and what breaks storage, logs and pages: control characters (NUL above all, which PostgreSQL cannot
/// store), line and paragraph separators, and invisible formatting characters (bidirectional overrides can make
/// an id read differently from what it is). Surrounding spaces are trimmed, so " #1001" and "#1001" are one order.
/// </summary>
public static class ShopIds
{
    public const int MaxLength = 200;

    /// <summary>What an id may hold, as a phrase.</summary>
    public const string Characters =
        "1-200 characters of printable text (spaces, slashes, # and the like are fine; control characters, line breaks and invisible formatting characters are not)";

    public const string Rule = Characters + ". Surrounding spaces are trimmed.";

    /// <summary>The id as it is kept (trimmed), or null when it breaks the rule.</summary>
    public static string? Normalize(string? value)
    {
        var trimmed = value?.Trim();
        return IsWellFormed(trimmed) ? trimmed : null;
    }

    /// <summary>True for an id already in its kept form: 1-200 printable characters with no surrounding spaces.</summary>
    public static bool IsWellFormed(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || char.IsWhiteSpace(id[0]) || char.IsWhiteSpace(id[^1]))
        {
            return false;
        }
        for (var i = 0; i < id.Length; i++)
        {
            if (!IsPrintable(id, i))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsPrintable(string id, int index)
    {
        var c = id[index];
        if (char.IsSurrogate(c))
        {
            // A pair is one character (an emoji, say); half of one is not text.
            return char.IsHighSurrogate(c) ? index + 1 < id.Length && char.IsLowSurrogate(id[index + 1])
                : index > 0 && char.IsHighSurrogate(id[index - 1]);
        }
        return CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
    }
}
