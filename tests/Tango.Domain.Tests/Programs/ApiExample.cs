using Tango.Domain.Programs;
using Tango.Tests.Shared;

namespace Tango.Domain.Tests.Programs;

/// <summary>The example program document from API.md, verbatim.</summary>
internal static class ApiExample
{
    public const string Json = ApiExampleProgram.Json;

    public static ProgramDocument Program => Parse(Json);

    public static ProgramDocument Parse(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<ProgramDocument>(json, ProgramJson.Options)
        ?? throw new InvalidOperationException("null document");
}
