using System.ComponentModel;
using Tango.Auth;
using Tango.Domain.Ledger;
using Tango.Hosting;
using Tango.Members;
using Tango.Store.Ledger;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Ledger;

public sealed record AdjustmentRequest(long? Points, string? Reason);

public sealed record RedemptionBody([property: Description("A reward of the program: " + Validate.ShopIdRule)] string? RewardId, long? Points);

public static class LedgerEndpoints
{
    public static void MapLedger(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/v1/members/{id}").WithTags("Points").RequireAuthorization(Policies.Read);
        members.MapGet("/balance", GetBalance).Produces<Balance>();
        members.MapGet("/ledger", GetLedger).Produces<Paging.Page<LedgerEntry>>();
        members.MapPost("/adjustments", Adjust).RequireAuthorization(Policies.Admin)
            .Accepts<AdjustmentRequest>("application/json").Produces<Adjustment>(201);
        members.MapPost("/redemptions", Redeem).RequireAuthorization(Policies.Ingest)
            .Accepts<RedemptionBody>("application/json").Produces<Redemption>(201).ProducesProblem(409);
        app.MapPost("/v1/redemptions/{redemptionId}/cancel", Cancel).WithTags("Points")
            .RequireAuthorization(Policies.Read).RequireAuthorization(Policies.Ingest).Produces<Redemption>();
    }

    private static async Task<IResult> GetBalance(HttpContext context, LedgerQueries ledger, string id) =>
        await ledger.BalanceOfAsync(context.Tenant(), id, context.RequestAborted) is { } balance
            ? TypedResults.Ok(balance)
            : MembersEndpoints.NotFound(id);

    private static async Task<IResult> GetLedger(HttpContext context, MemberQueries members, LedgerQueries ledger, ProgramStore programs, string id)
    {
        var (limit, cursor, problem) = Paging.Read(context.Request);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, out var parsed))
            {
                return new StoredResponseResult(new Errors().Add("cursor", "Not a cursor this API gave out.").ToProblem());
            }
            before = parsed;
        }
        var tenant = context.Tenant();
        if (await members.GetAsync(tenant, id, context.RequestAborted) is null)
        {
            return MembersEndpoints.NotFound(id);
        }
        var program = await programs.CurrentAsync(tenant, context.RequestAborted);
        var (items, next) = await ledger.LinesAsync(tenant, id, program.Document.Currency, limit, before, context.RequestAborted);
        return TypedResults.Ok(new Paging.Page<LedgerEntry>(items, Paging.Encode(next?.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    private static async Task<IResult> Adjust(HttpContext context, Writes writes, Adjustments adjustments, string id)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<AdjustmentRequest>(body);
        if (invalid is not null)
        {
            return new StoredResponseResult(invalid);
        }
        // Bounded without Math.Abs, which overflows on the smallest long.
        if (request!.Points is null or 0 or < -Points.MaxAmount or > Points.MaxAmount)
        {
            errors.Add("points", "A non-zero whole number of points, at most 10^12 either way.");
        }
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            errors.Add("reason", "Required, at most 500 characters: an adjustment says why.");
        }
        if (errors.Any)
        {
            return new StoredResponseResult(errors.ToProblem());
        }
        var tenant = context.Tenant();
        var actor = context.Actor();
        return await writes.RespondAsync(context, body!, scope => adjustments.AdjustAsync(scope, tenant, id, request.Points!.Value, request.Reason!.Trim(), actor));
    }

    private static async Task<IResult> Redeem(HttpContext context, Writes writes, Redemptions redemptions, string id)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<RedemptionBody>(body);
        if (invalid is not null)
        {
            return new StoredResponseResult(invalid);
        }
        if ((request!.RewardId is null) == (request.Points is null))
        {
            errors.Add("rewardId", "Send either rewardId or points.");
        }
        if (request.Points is <= 0 or > Points.MaxAmount)
        {
            errors.Add("points", "A positive whole number of points.");
        }
        var rewardId = Validate.ShopId(errors, "rewardId", request.RewardId, required: false);
        if (errors.Any)
        {
            return new StoredResponseResult(errors.ToProblem());
        }
        var tenant = context.Tenant();
        var redemption = new RedemptionRequest(rewardId, request.Points);
        return await writes.RespondAsync(context, body!, scope => redemptions.RedeemAsync(scope, tenant, id, redemption));
    }

    private static Task<IResult> Cancel(HttpContext context, Writes writes, Redemptions redemptions, string redemptionId)
    {
        var tenant = context.Tenant();
        return writes.RespondAsync(context, [], scope => redemptions.CancelAsync(scope, tenant, redemptionId));
    }
}
