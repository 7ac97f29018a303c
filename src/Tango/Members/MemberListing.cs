using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;
using Tango.Hosting;
using Tango.Store.Idempotency;
using Tango.Store.Members;
using Tango.Store.Segments;

namespace Tango.Members;

/// <summary>`GET /v1/members`'s answer: a page, the cursor of the next one, and how many match in all.</summary>
public sealed record MemberListPage(IReadOnlyList<MemberListItem> Items, string? NextCursor, long Total);

/// <summary>What the API's member list and the dashboard's explorer share beyond the query: saved segments and CSV.</summary>
public static class MemberListing
{
    private const int CsvChunk = 1_000;

    /// <summary>The query's filter, and the saved segment's when it names one (a member must match both).</summary>
    public static async Task<(IReadOnlyList<MemberFilter>? Filters, StoredResponse? Problem)> FiltersAsync(
        MemberQuery query, string tenantId, SavedSegments segments, CancellationToken ct)
    {
        if (query.SavedSegment is not { } key)
        {
            return ([query.Filter], null);
        }
        if (await segments.GetAsync(tenantId, key, ct) is not { } saved)
        {
            return (null, new Errors().Add("savedSegment", "No saved segment has this key.").ToProblem());
        }
        var errors = new Errors();
        var filter = MemberSearchRequest.ReadFilter(saved.Filter, errors, "savedSegment.");
        return errors.Any ? (null, errors.ToProblem()) : ([query.Filter, filter], null);
    }

    /// <summary>Null when the text is not a cursor of this sort (a 422 naming `cursor`).</summary>
    public static (MemberCursor? Cursor, StoredResponse? Problem) Cursor(string? text, MemberSort sort) =>
        text is null ? (null, null)
        : MemberCursor.Parse(text, sort) is { } cursor ? (cursor, null)
        : (null, new Errors().Add("cursor", "Not a cursor this API gave out for this sort.").ToProblem());

    public static bool WantsCsv(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var types) &&
        types.Any(t => t.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    /// <summary>The whole match as CSV, streamed a thousand members at a time so a million never sit in memory.</summary>
    public static async Task WriteCsvAsync(HttpResponse response, MemberQueries members, string tenantId, IReadOnlyList<MemberFilter> filters,
        MemberSort sort, CancellationToken ct)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"members.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteAsync("id,name,email,tier,segment,stage,pAlive,clv,orders,spend,lastPurchaseAt,points,memberSince\r\n");
        MemberCursor? after = null;
        do
        {
            var page = await members.SearchAsync(tenantId, new MemberSearch(filters, sort, CsvChunk, after), withTotal: false, ct);
            var text = new StringBuilder();
            foreach (var m in page.Items)
            {
                text.AppendJoin(',', Field(m.Id), Field(m.Name), Field(m.Email), Field(m.Tier), Field(m.Segment), Field(m.Stage),
                    Number(m.PAlive), Number(m.Clv), m.Orders.ToString(CultureInfo.InvariantCulture),
                    m.Spend.ToString(CultureInfo.InvariantCulture), Instant(m.LastPurchaseAt), m.Points.ToString(CultureInfo.InvariantCulture),
                    Instant(m.MemberSince)).Append("\r\n");
            }
            await writer.WriteAsync(text, ct);
            await writer.FlushAsync(ct);
            after = page.Next;
        }
        while (after is not null);
    }

    /// <summary>RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled.</summary>
    public static string Field(string? value) =>
        value is null ? ""
        : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value
        : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Instant(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
}
