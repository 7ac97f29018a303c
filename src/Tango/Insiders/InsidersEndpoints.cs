using Tango.Auth;
using Tango.Hosting;
using Tango.Store.Infrastructure;
using Tango.Store.Insiders;
using Tango.Store.Programs;

namespace Tango.Insiders;

/// <summary>
/// Insiders: closed tests of a new product or service. Staff open a group and invite members by hand, by tier
/// or by RFM segment; the business's app reports each answer; insiders who accepted leave feedback, which shows
/// on their profile. The counts say how far the group climbed from audience to co-authors.
/// </summary>
public static class InsidersEndpoints
{
    public static void MapInsiders(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/v1/insiders").WithTags("Insiders").RequireAuthorization(Policies.Read);
        groups.MapGet("", List).Produces<Paging.Page<InsiderGroupView>>();
        groups.MapGet("/{key}", Get).Produces<InsiderGroupView>().ProducesProblem(404);
        groups.MapPut("/{key}", Put).RequireAuthorization(Policies.Admin)
            .Accepts<PutInsiderGroupRequest>("application/json").Produces<InsiderGroupView>(200).Produces<InsiderGroupView>(201).ProducesValidationProblem(422);
        groups.MapPost("/{key}/invitations", Invite).RequireAuthorization(Policies.Admin)
            .Accepts<InviteInsidersRequest>("application/json").ProducesProblem(404).ProducesProblem(409).ProducesValidationProblem(422);
        groups.MapPost("/{key}/invitations/{memberId}/accept", (HttpContext c, Writes w, InsiderWrites i, string key, string memberId) =>
            AnswerAsync(c, w, i, key, memberId, accept: true)).RequireAuthorization(Policies.Ingest)
            .Produces<InsiderInvitation>().ProducesProblem(404).ProducesProblem(409);
        groups.MapPost("/{key}/invitations/{memberId}/decline", (HttpContext c, Writes w, InsiderWrites i, string key, string memberId) =>
            AnswerAsync(c, w, i, key, memberId, accept: false)).RequireAuthorization(Policies.Ingest)
            .Produces<InsiderInvitation>().ProducesProblem(404).ProducesProblem(409);
        groups.MapPost("/{key}/feedback", AddFeedback).RequireAuthorization(Policies.Ingest)
            .Accepts<InsiderFeedbackRequest>("application/json").Produces<InsiderFeedback>(201).ProducesProblem(404).ProducesProblem(409)
            .ProducesValidationProblem(422);
        groups.MapGet("/{key}/feedback", Feedback).Produces<Paging.Page<InsiderFeedback>>().ProducesProblem(404);
    }

    private static async Task<IResult> List(HttpContext context, InsiderQueries insiders) =>
        Paging.Answer(context.Request, await insiders.GroupsAsync(context.Tenant(), context.RequestAborted), g => g.Key);

    private static async Task<IResult> Get(HttpContext context, InsiderQueries insiders, string key) =>
        Validate.IsId(key) && await insiders.GroupAsync(context.Tenant(), key, context.RequestAborted) is { } group
            ? TypedResults.Ok(group)
            : NotFound(key);

    private static async Task<IResult> Put(HttpContext context, Writes writes, InsiderWrites insiders, string key)
    {
        if (!Validate.IsId(key))
        {
            return new StoredResponseResult(Responses.Invalid("key", Validate.IdRule));
        }
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<PutInsiderGroupRequest>(body);
        var (input, broken) = request is null ? (null, invalid) : InsiderRequests.Validate(request, errors);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, body!, scope => insiders.PutGroupAsync(scope, tenant, key, input!));
    }

    private static async Task<IResult> Invite(HttpContext context, Writes writes, InsiderWrites insiders, ProgramStore programs, string key)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<InviteInsidersRequest>(body);
        if (invalid is not null)
        {
            return new StoredResponseResult(invalid);
        }
        var tenant = context.Tenant();
        var program = await programs.CurrentAsync(tenant, context.RequestAborted);
        var (audience, broken) = InsiderRequests.Validate(request!, program.Document, errors);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        return await writes.RespondAsync(context, body!, scope => insiders.InviteAsync(scope, tenant, key, audience!));
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, Writes writes, InsiderWrites insiders, string key, string memberId, bool accept)
    {
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, [], scope => insiders.AnswerAsync(scope, tenant, key, memberId, accept), memberId);
    }

    private static async Task<IResult> AddFeedback(HttpContext context, Writes writes, InsiderWrites insiders, string key)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<InsiderFeedbackRequest>(body);
        if ((invalid ?? InsiderRequests.Validate(request!, errors)) is { } bad)
        {
            return new StoredResponseResult(bad);
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, body!, scope =>
            insiders.AddFeedbackAsync(scope, tenant, key, request!.MemberId!, request.Rating, request.Text!.Trim()), request!.MemberId);
    }

    private static async Task<IResult> Feedback(HttpContext context, InsiderQueries insiders, string key)
    {
        var (limit, cursor, problem) = Paging.Read(context.Request);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        if (!Validate.IsId(key) || await insiders.FeedbackAsync(context.Tenant(), key, limit, cursor, context.RequestAborted) is not { } page)
        {
            return NotFound(key);
        }
        return TypedResults.Ok(new Paging.Page<InsiderFeedback>(page.Items, Paging.Encode(page.Next)));
    }

    private static StoredResponseResult NotFound(string key) => new(Responses.NotFound($"Insider group '{key}'"));
}
