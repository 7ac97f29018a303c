using Tango.Auth;
using Tango.Domain.Ledger;
using Tango.Hosting;
using Tango.Store.Coupons;
using Tango.Store.Infrastructure;
using Tango.Store.Programs;

namespace Tango.Coupons;

/// <summary>
/// Standalone coupons: batches of unique, unguessable codes; validating a code at the checkout (which says
/// why it is refused); redeeming it on an order, idempotently.
/// </summary>
public static class CouponsEndpoints
{
    public static void MapCoupons(this IEndpointRouteBuilder app)
    {
        var batches = app.MapGroup("/v1/coupons/batches").WithTags("Coupons").RequireAuthorization(Policies.Read);
        batches.MapPost("", Create).RequireAuthorization(Policies.Admin)
            .Accepts<CreateBatchRequest>("application/json").Produces<CouponBatchView>(201).ProducesValidationProblem(422);
        batches.MapGet("/{batchId}", Get).Produces<CouponBatchView>().ProducesProblem(404);
        batches.MapGet("/{batchId}/codes", Codes).Produces<Paging.Page<CouponCodeView>>().ProducesProblem(404).ProducesValidationProblem(422);
        app.MapPost("/v1/coupons:validate", ValidateCode).WithTags("Coupons").RequireAuthorization(Policies.Ingest)
            .Accepts<ValidateCouponRequest>("application/json").Produces<CouponValidation>().ProducesValidationProblem(422);
        app.MapPost("/v1/coupons:redeem", Redeem).WithTags("Coupons").RequireAuthorization(Policies.Ingest)
            .Accepts<RedeemCouponRequest>("application/json").Produces<CouponRedemption>().ProducesProblem(404).ProducesProblem(409)
            .ProducesValidationProblem(422);
    }

    private static async Task<IResult> Create(HttpContext context, Writes writes, CouponBatches batches, ProgramStore programs, TimeProvider clock)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<CreateBatchRequest>(body);
        if (invalid is not null)
        {
            return new StoredResponseResult(invalid);
        }
        var tenant = context.Tenant();
        var currency = (await programs.CurrentAsync(tenant, context.RequestAborted)).Document.Currency;
        var (batch, broken) = CouponRequests.Validate(request!, currency, clock.GetUtcNow(), errors);
        if (broken is not null)
        {
            return new StoredResponseResult(broken);
        }
        return await writes.RespondAsync(context, body!, scope => batches.CreateAsync(scope, tenant, batch!, currency));
    }

    private static async Task<IResult> Get(HttpContext context, CouponQueries coupons, string batchId) =>
        Validate.IsId(batchId) && await coupons.BatchAsync(context.Tenant(), batchId, context.RequestAborted) is { } batch
            ? TypedResults.Ok(batch)
            : new StoredResponseResult(Responses.NotFound($"Coupon batch '{batchId}'"));

    /// <summary>The batch's codes in code order, `?limit=` (at most 500) and `?cursor=`.</summary>
    private static async Task<IResult> Codes(HttpContext context, CouponQueries coupons, string batchId)
    {
        var (limit, cursor, problem) = Paging.Read(context.Request);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        if (!Validate.IsId(batchId) || await coupons.CodesAsync(context.Tenant(), batchId, limit, cursor, context.RequestAborted) is not { } page)
        {
            return new StoredResponseResult(Responses.NotFound($"Coupon batch '{batchId}'"));
        }
        return TypedResults.Ok(new Paging.Page<CouponCodeView>(page.Items, Paging.Encode(page.Next)));
    }

    /// <summary>Reads only: a checkout asks before it applies the discount; nothing is used up.</summary>
    private static async Task<IResult> ValidateCode(HttpContext context, CouponQueries coupons, ProgramStore programs)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<ValidateCouponRequest>(body);
        if ((invalid ?? CouponRequests.Validate(request!, errors)) is { } broken)
        {
            return new StoredResponseResult(broken);
        }
        var tenant = context.Tenant();
        var currency = (await programs.CurrentAsync(tenant, context.RequestAborted)).Document.Currency;
        return TypedResults.Ok(await coupons.ValidateAsync(tenant, request!.Code!, request.MemberId, request.OrderTotal!.Value, currency,
            context.RequestAborted));
    }

    private static async Task<IResult> Redeem(HttpContext context, Writes writes, CouponRedemptions redemptions)
    {
        var (body, problem) = await JsonInput.ReadBodyAsync(context);
        if (problem is not null)
        {
            return new StoredResponseResult(problem);
        }
        var (request, errors, invalid) = JsonInput.Read<RedeemCouponRequest>(body);
        if ((invalid ?? CouponRequests.Validate(request!, errors)) is { } broken)
        {
            return new StoredResponseResult(broken);
        }
        var tenant = context.Tenant();
        var redeem = new CouponRedeemRequest(request!.Code!, request.MemberId, ShopIds.Normalize(request.OrderId)!, request.OrderTotal);
        return await writes.RespondAsync(context, body!, scope => redemptions.RedeemAsync(scope, tenant, redeem), request.MemberId);
    }
}
