using System.Globalization;
using System.Text.Json;
using Tango.Auth;
using Tango.Domain.Programs;
using Tango.Domain.Simulation;
using Tango.Events;
using Tango.Hosting;
using Tango.Store.Simulation;

namespace Tango.Simulation;

public sealed record SimulateRequest(JsonElement? Program, string? From, string? To);

public sealed record TierMoves(int Count, IReadOnlyList<TierMove> Members);

/// <summary>The answer: both programs' figures over the same history, and who would end in another tier.</summary>
public sealed record SimulationAnswer(int CurrentVersion, DateTimeOffset? From, DateTimeOffset To, SimulationFigures Current,
    SimulationFigures Proposed, TierMoves TierChanges);

/// <summary>
/// `POST /v1/program:simulate`: a proposed program replayed over the stored purchases and refunds beside the
/// current one, before it goes live. Only reads; nothing is written.
/// </summary>
public static class SimulationEndpoints
{
    public static void MapSimulation(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/program:simulate", Simulate).WithTags("Program").RequireAuthorization(Policies.Admin)
            .Accepts<SimulateRequest>("application/json").Produces<SimulationAnswer>().ProducesValidationProblem(422);
    }

    private static async Task<IResult> Simulate(HttpContext context, ProgramSimulations simulations)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<SimulateRequest>(body);
        if (invalid is not null)
        {
            return new StoredResponseResult(invalid);
        }
        var program = ReadProgram(request!.Program, errors);
        var from = Bound(request.From, "from", errors, endOfDay: false);
        var to = Bound(request.To, "to", errors, endOfDay: true);
        if (from > to)
        {
            errors.Add("to", "Must not be before from.");
        }
        if (errors.Any)
        {
            return new StoredResponseResult(errors.ToProblem());
        }
        var run = await simulations.RunAsync(context.Tenant(), program!, from, to, context.RequestAborted);
        var result = run.Result;
        return TypedResults.Ok(new SimulationAnswer(run.CurrentVersion, run.From, run.To, result.Current, result.Proposed,
            new TierMoves(result.TierMoveCount, result.TierMoves)));
    }

    /// <summary>The proposed document, read and validated as `PUT /v1/program` would, its errors under "program.".</summary>
    private static ProgramDocument? ReadProgram(JsonElement? element, Errors errors)
    {
        if (element is not { ValueKind: JsonValueKind.Object } json)
        {
            errors.Add("program", "Required: the proposed program document.");
            return null;
        }
        if (JsonInput.Bind<ProgramDocument>(json, "program", errors, ProgramJson.Options) is not { } program)
        {
            return null;
        }
        foreach (var (field, messages) in ProgramValidator.Validate(program))
        {
            foreach (var message in messages)
            {
                errors.Add("program." + field, message);
            }
        }
        return program;
    }

    /// <summary>A date (the start of it, or its last instant for `to`) or an instant with a zone.</summary>
    private static DateTimeOffset? Bound(string? text, string field, Errors errors, bool endOfDay)
    {
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }
        if (EventParsing.TryParseInstant(text, out var at))
        {
            return at;
        }
        errors.Add(field, "A date YYYY-MM-DD or an ISO-8601 instant with a zone.");
        return null;
    }
}
