using System.Text.Json;
using Tango.Hosting;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;

namespace Tango.Web.Shared;

/// <summary>What a write from a page came back with: the same status and JSON body the API would have answered.</summary>
public sealed record WriteOutcome(int Status, string Body)
{
    public bool Ok => Status is >= 200 and < 300;

    public T Read<T>() => JsonSerializer.Deserialize<T>(Body, StoreJson.Options) ?? throw new InvalidOperationException("Empty answer.");

    /// <summary>A problem's detail (or title) in words.</summary>
    public string Message
    {
        get
        {
            try
            {
                using var doc = JsonDocument.Parse(Body);
                var root = doc.RootElement;
                return root.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } text ? text
                    : root.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "";
            }
            catch (JsonException)
            {
                return "";
            }
        }
    }

    /// <summary>A 422's messages by field (the problem's "errors").</summary>
    public FieldErrors Errors
    {
        get
        {
            var errors = new FieldErrors();
            try
            {
                using var doc = JsonDocument.Parse(Body);
                if (doc.RootElement.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                {
                    foreach (var entry in fields.EnumerateObject())
                    {
                        foreach (var message in entry.Value.EnumerateArray())
                        {
                            errors.Add(entry.Name, message.GetString() ?? "");
                        }
                    }
                }
            }
            catch (JsonException)
            {
            }
            return errors;
        }
    }

    public static WriteOutcome From(StoredResponse response) => new(response.Status, response.Body);
}

/// <summary>
/// Writes from the dashboard and the portal go through the API's own write path (<see cref="Writes"/>): the same
/// group-commit queue and store work. Each form carries a key made when it was rendered, so sending the same form
/// twice (a double click, a reload) applies it once and answers the same, as an Idempotency-Key does for the API.
/// </summary>
public sealed class WebWrites(Writes writes)
{
    public async Task<WriteOutcome> RunAsync(string tenantId, string form, string? formKey, object values,
        Func<WriteScope, Task<StoredResponse>> work, string? memberId = null)
    {
        var hash = IdempotentWrite.HashRequest("POST", "/web/" + form, JsonSerializer.SerializeToUtf8Bytes(values, StoreJson.Options));
        var key = formKey is { Length: > 0 and <= 64 } && Writes.CheckKey(formKey) is null ? $"web:{form}:{formKey}" : null;
        var response = await writes.RunAsync(tenantId, key, hash, work, memberId);
        return response.KeyReused
            ? new WriteOutcome(422, StoreJson.Serialize(new { title = "Already sent", detail = "This form was already sent with other values. Reload the page and try again." }))
            : WriteOutcome.From(response);
    }

    public static string NewFormKey() => Guid.NewGuid().ToString("N");
}
