namespace Tango.Domain.Programs;

/// <summary>
/// Ids in a program name ledger lines and appear in URLs, so they are 1–64 of [A-Za-z0-9._-] and unique
/// within their list.
/// </summary>
internal sealed class Ids(ValidationErrors errors)
{
    public const int MaxLength = 64;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public static bool IsWellFormed(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(IsIdChar);

    /// <summary>Reports a malformed id, or a repeat of an earlier one, on <paramref name="path"/>.</summary>
    public void Check(string path, string? id)
    {
        if (!IsWellFormed(id))
        {
            errors.Add(path, $"must be 1 to {MaxLength} characters of A-Z, a-z, 0-9, '.', '_' or '-'.");
        }
        else if (!_seen.Add(id!))
        {
            errors.Add(path, $"'{id}' is used more than once.");
        }
    }

    /// <summary>
    /// The same for an id the business may write as its shop does (a reward named after its own catalog entry,
    /// "COFFEE/L"): printable text, see <see cref="Ledger.ShopIds"/>.
    /// </summary>
    public void CheckShopId(string path, string? id)
    {
        if (!Ledger.ShopIds.IsWellFormed(id))
        {
            errors.Add(path, $"must be {Ledger.ShopIds.Characters}, with no spaces around it.");
        }
        else if (!_seen.Add(id!))
        {
            errors.Add(path, $"'{id}' is used more than once.");
        }
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
