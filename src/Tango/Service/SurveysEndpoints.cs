using Tango.Auth;
using Tango.Hosting;
using Tango.Hosting.Options;
using Tango.Store.Idempotency;
using Tango.Store.Infrastructure;
using Tango.Store.Service;

namespace Tango.Service;

/// <summary>
/// NPS and CSAT. The business records answers it collected (`/responses`), or asks Tango for an invitation
/// link (`/invitations`) that the member answers without an API key: the token in the link is the credential.
/// </summary>
public static class SurveysEndpoints
{
    public const string AnswerPath = "/v1/surveys/answers/";

    public static void MapSurveys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/surveys").WithTags("Surveys");
        group.MapPost("/responses", Respond).RequireAuthorization(Policies.Ingest)
            .Accepts<SurveyResponseRequest>("application/json").Produces<SurveyResponse>(201).ProducesProblem(404).ProducesValidationProblem(422);
        group.MapPost("/invitations", Invite).RequireAuthorization(Policies.Ingest)
            .Accepts<SurveyInvitationRequest>("application/json").Produces<SurveyInvitation>(201).Produces<SurveyInvitation>(200)
            .ProducesProblem(404).ProducesValidationProblem(422);
        group.MapGet("/answers/{token}", Question).AllowAnonymous()
            .Produces<InvitationQuestion>().ProducesProblem(404).ProducesProblem(410);
        group.MapPost("/answers/{token}", Answer).AllowAnonymous()
            .Accepts<SurveyAnswerRequest>("application/json").Produces<SurveyReceipt>(201)
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(410).ProducesValidationProblem(422);
    }

    private static async Task<IResult> Respond(HttpContext context, Writes writes, SurveyWrites surveys)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<SurveyResponseRequest>(body);
        var (answer, broken) = invalid is null ? SurveyRequests.Validate(request!, errors) : (null, invalid);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, body!, scope => surveys.RecordAsync(scope, tenant, answer!), answer!.MemberId);
    }

    private static async Task<IResult> Invite(HttpContext context, Writes writes, SurveyInvitations invitations, AddressOptions addresses)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<SurveyInvitationRequest>(body);
        var (invitation, broken) = invalid is null ? SurveyRequests.Validate(request!, addresses.Origin(context.Request) + AnswerPath, errors) : (null, invalid);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        var tenant = context.Tenant();
        return await writes.RespondAsync(context, body!, scope => invitations.InviteAsync(scope, tenant, invitation!), invitation!.MemberId);
    }

    private static async Task<IResult> Question(HttpContext context, SurveyQueries queries, TimeProvider clock, string token)
    {
        var found = SurveyTokens.LooksValid(token) ? await queries.InvitationAsync(token, context.RequestAborted) : null;
        if (found is not { Question: var question })
        {
            return NotFound();
        }
        return clock.GetUtcNow() >= question.ExpiresAt && !question.Answered
            ? new StoredResponseResult(Responses.Problem(410, "survey-invitation-expired", "Invitation expired", "This survey invitation has expired."))
            : TypedResults.Ok(question);
    }

    /// <summary>
    /// Anonymous, so the tenant comes from the token. An Idempotency-Key is honoured in a namespace of the
    /// token's own, so a member's keys can never collide with the business's keys in the same tenant.
    /// </summary>
    private static async Task<IResult> Answer(HttpContext context, Writes writes, SurveyQueries queries, SurveyInvitations invitations, string token)
    {
        var key = context.Request.Headers[Writes.KeyHeader].ToString();
        if (key.Length > 0 && Writes.CheckKey(key) is { } badKey)
        {
            return new StoredResponseResult(badKey);
        }
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var found = SurveyTokens.LooksValid(token) ? await queries.InvitationAsync(token, context.RequestAborted) : null;
        if (found is not { } invitation)
        {
            return NotFound();
        }
        var (request, errors, invalid) = JsonInput.Read<SurveyAnswerRequest>(body);
        var (comment, broken) = invalid is null ? SurveyRequests.Validate(request!, invitation.Question.Kind, errors) : (null, invalid);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        var scopedKey = key.Length == 0 ? null : $"survey-answer:{SurveyTokens.Hash(token)}:{key}";
        var hash = IdempotentWrite.HashRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body);
        var response = await writes.RunAsync(invitation.TenantId, scopedKey, hash,
            scope => invitations.AnswerAsync(scope, token, request!.Score!.Value, comment), invitation.MemberId);
        return new StoredResponseResult(response.KeyReused ? Writes.KeyReused() : response);
    }

    private static StoredResponseResult NotFound() => new(Responses.NotFound("The survey invitation"));
}
