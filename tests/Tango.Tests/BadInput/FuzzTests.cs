using System.Net.Http.Headers;
using System.Text;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.BadInput;

/// <summary>
/// Generated hostile bodies against the write endpoints: every answer is a success or a 4xx problem,
/// never a 500, and the store's invariants hold afterwards. The generator is seeded, so a failure repeats.
/// </summary>
public sealed class FuzzTests
{
    private const int BodiesPerEndpoint = 400;

    private static readonly string[] Seeds =
    [
        """{"type":"purchase","memberId":"ann","occurredAt":"2026-11-23T09:00:00Z","data":{"orderId":"o-1","total":42.5,"lines":[{"sku":"a","category":"coffee","quantity":2,"unitPrice":10}],"channel":"app"}}""",
        """{"type":"refund","memberId":"ann","data":{"orderId":"o-1","amount":10}}""",
        """{"type":"custom.review","memberId":"ann","data":{"stars":5}}""",
        """{"currency":"EUR","earning":{"pointsPerUnit":1,"rounding":"down","rules":[{"id":"r","when":{"categories":["coffee"],"daysOfWeek":["mon"]},"multiplier":2}]},"expiry":{"months":12},"tiers":[{"id":"b","name":"B","minSpend":0}]}""",
        """{"id":"ann","email":"ann@example.com","birthDate":"1990-01-01","consent":{"email":true,"sms":false}}""",
    ];

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Hostile_bodies_get_a_success_or_a_4xx_problem_and_the_store_stays_consistent(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");
        await server.PurchaseAsync("ann", "o-1", 42.5m);
        var random = new Random(20261124);
        var endpoints = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, "/v1/events"), (HttpMethod.Post, "/v1/events:batch"), (HttpMethod.Put, "/v1/program"),
            (HttpMethod.Post, "/v1/members"), (HttpMethod.Patch, "/v1/members/ann"),
        };
        var failures = new List<string>();

        foreach (var (method, path) in endpoints)
        {
            for (var i = 0; i < BodiesPerEndpoint; i++)
            {
                var body = Hostile(random, path.EndsWith(":batch", StringComparison.Ordinal));
                using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json");
                request.Headers.Add("Idempotency-Key", $"fuzz-{path.Length}-{i}");
                using var response = await server.Admin.SendAsync(request);
                var status = (int)response.StatusCode;
                if (status >= 500 || (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
                {
                    failures.Add($"{method} {path} -> {status}: {Preview(body)}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} bad answers:\n" + string.Join("\n", failures.Take(20)));
        Assert.Empty(await server.VerifyAsync());
        await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann/balance"), 200);
    }

    /// <summary>A seed document with one or more of: wrong types, huge numbers, deep nesting, long strings, broken UTF-8, truncation.</summary>
    private static byte[] Hostile(Random random, bool batch)
    {
        var text = Seeds[random.Next(Seeds.Length)];
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            text = random.Next(9) switch
            {
                0 => ReplaceValue(random, text, Pick(random, "true", "null", "[]", "{}", "\"x\"", "-0", "1e400", "-1e400", "123456789012345678901234567890", "0.000000000000000000000001", "-5", "NaN")),
                1 => ReplaceValue(random, text, "\"" + new string('x', random.Next(1_000, 200_000)) + "\""),
                2 => ReplaceValue(random, text, new string('[', random.Next(10, 5_000)) + new string(']', random.Next(0, 5_000))),
                3 => ReplaceValue(random, text, Nested(random.Next(30, 300))),
                4 => text[..random.Next(text.Length)],
                5 => text.Insert(random.Next(text.Length), Pick(random, "\u0000", "\\u0000", "\\ud800", "\"", ",", "}", "\u202e", "💥")),
                6 => ReplaceValue(random, text, "\"" + Pick(random, "2026-13-45", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "../../etc/passwd", "' OR 1=1 --", "<script>") + "\""),
                7 => text.Replace("\"", "'", StringComparison.Ordinal),
                _ => text.Insert(text.IndexOf('{', StringComparison.Ordinal) + 1, "\"extra\":1,"),
            };
        }
        if (batch)
        {
            text = "[" + text + "]";
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(6) == 0 && bytes.Length > 2)
        {
            bytes[random.Next(bytes.Length)] = (byte)Pick(random, 0xC0, 0xFF, 0x80, 0xED); // never valid UTF-8 in that place
        }
        return bytes;
    }

    /// <summary>Replaces the value after a random `":` with <paramref name="value"/>.</summary>
    private static string ReplaceValue(Random random, string text, string value)
    {
        var colons = Enumerable.Range(0, Math.Max(0, text.Length - 1)).Where(i => text[i] == '"' && text[i + 1] == ':').ToList();
        if (colons.Count == 0)
        {
            return text;
        }
        var start = colons[random.Next(colons.Count)] + 2;
        var end = start;
        var depth = 0;
        while (end < text.Length && (depth > 0 || (text[end] != ',' && text[end] != '}')))
        {
            depth += text[end] is '{' or '[' ? 1 : text[end] is '}' or ']' ? -1 : 0;
            end++;
        }
        return text[..start] + value + text[end..];
    }

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];

    private static string Preview(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
}
