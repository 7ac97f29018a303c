using System.Text.Json.Serialization;
using Tango.Store.Idempotency;

namespace Tango.Store.Infrastructure;

/// <summary>
/// Builds the responses that write work hands back. They are made inside the transaction because
/// the exact status and body are stored with the idempotency key.
/// </summary>
public static class Responses
{
    public const string ProblemTypeBase = "urn:tango:problem:";

    public static StoredResponse Json<T>(int status, T body) => new(status, StoreJson.Serialize(body));

    public static StoredResponse Problem(int status, string type, string title, string detail, IDictionary<string, string[]>? errors = null) =>
        new(status, StoreJson.Serialize(new ProblemBody(ProblemTypeBase + type, title, status, detail, errors)));

    public static StoredResponse NotFound(string what) => Problem(404, "not-found", "Not found", $"{what} was not found.");

    public static StoredResponse Invalid(string field, string message) =>
        Problem(422, "validation", "The request is not valid", message, new Dictionary<string, string[]> { [field] = [message] });

    public sealed record ProblemBody(string Type, string Title, int Status, string Detail,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IDictionary<string, string[]>? Errors);
}
