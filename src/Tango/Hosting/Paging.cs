using System.Buffers.Text;
using System.Text;
using Tango.Store.Idempotency;

namespace Tango.Hosting;

/// <summary>`?limit=` (default 50, at most 500) and an opaque `?cursor=`.</summary>
public static class Paging
{
    public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

    public static (int Limit, string? Cursor, StoredResponse? Problem) Read(HttpRequest request)
    {
        var errors = new Errors();
        var limit = 50;
        var rawLimit = request.Query["limit"].ToString();
        if (rawLimit.Length > 0 && (!int.TryParse(rawLimit, out limit) || limit is < 1 or > 500))
        {
            errors.Add("limit", "Must be a whole number from 1 to 500.");
        }
        string? cursor = null;
        var rawCursor = request.Query["cursor"].ToString();
        if (rawCursor.Length > 0)
        {
            try
            {
                cursor = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(rawCursor));
            }
            catch (FormatException)
            {
                errors.Add("cursor", "Not a cursor this API gave out.");
            }
        }
        return (limit, cursor, errors.Any ? errors.ToProblem() : null);
    }

    /// <summary>
    /// `?limit=&amp;cursor=` over a list the store answers whole because a tenant keeps only a handful (journeys,
    /// webhooks, insider groups): ordered by <paramref name="key"/>, the cursor is the last key of the page before.
    /// </summary>
    public static IResult Answer<T>(HttpRequest request, IEnumerable<T> all, Func<T, string> key)
    {
        var (limit, cursor, problem) = Read(request);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var after = all.OrderBy(key, StringComparer.Ordinal).Where(i => cursor is null || string.CompareOrdinal(key(i), cursor) > 0).ToList();
        var page = after.Take(limit).ToList();
        return TypedResults.Ok(new Page<T>(page, after.Count > limit ? Encode(key(page[^1])) : null));
    }

    public static string? Encode(string? position) =>
        position is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));
}
