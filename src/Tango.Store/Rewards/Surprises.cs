using System.Globalization;
using Dapper;
using Tango.Domain.Ledger;
using Tango.Domain.Rewards;
using Tango.Store.Coupons;
using Tango.Store.Infrastructure;
using Tango.Store.Ledger;
using Tango.Store.Members;
using Tango.Store.Programs;

namespace Tango.Store.Rewards;

/// <summary>What a draw decided for a member on one occasion; the same occasion always answers this again.</summary>
public sealed record SurpriseOutcome(string MemberId, string Occasion, bool Granted, string? SurpriseId, long CostPoints, string Reason,
    DateTimeOffset DrawnAt, long? LineId, string? RedemptionId);

/// <summary>
/// Surprise rewards granted by the engine. <see cref="TryGrantAsync"/> runs inside the write that found the
/// occasion (a purchase, once the purchase path calls it; the admin endpoint meanwhile): the member row is
/// locked so one member's draws queue, the monthly budget moves with a guarded UPDATE so concurrent draws of a
/// tenant never overspend it, and each (member, occasion) is drawn once. Points go through the ledger as a
/// `surprise` line with the reason; a catalog reward is given as a free redemption with a zero `surprise` line.
/// </summary>
public sealed class Surprises(ProgramStore programs, TimeProvider clock)
{
    public const string LineKind = "surprise";

    /// <returns>Null when the member does not exist or was erased.</returns>
    public async Task<SurpriseOutcome?> TryGrantAsync(WriteScope scope, string tenantId, string memberId, string occasion, DateTimeOffset now)
    {
        var member = await MemberSql.LockAsync(scope, tenantId, memberId);
        if (member is null || member.ErasedAt is not null)
        {
            return null;
        }
        var earlier = await scope.Connection.QuerySingleOrDefaultAsync<DrawRow>(
            $"SELECT {DrawRow.Columns} FROM surprise_draws WHERE tenant_id = @tenantId AND member_id = @memberId AND occasion = @occasion",
            new { tenantId, memberId, occasion }, scope.Transaction);
        if (earlier is not null)
        {
            return earlier.ToOutcome();
        }
        var program = await programs.CurrentAsync(scope, tenantId);
        var doc = program.Document;
        var month = Month(now);
        var last = await scope.Connection.QueryFirstOrDefaultAsync<DrawRow>(
            $"""
            SELECT {DrawRow.Columns} FROM surprise_draws WHERE tenant_id = @tenantId AND member_id = @memberId AND granted = @yes
            ORDER BY drawn_at DESC LIMIT 1
            """, new { tenantId, memberId, yes = true }, scope.Transaction);
        var spent = await scope.Connection.ExecuteScalarAsync<long?>(
            "SELECT spent FROM surprise_budgets WHERE tenant_id = @tenantId AND month = @month", new { tenantId, month }, scope.Transaction) ?? 0;
        var taken = await RewardStock.TakenAsync(scope.Connection, scope.Transaction, tenantId);
        var decision = SurpriseDraw.Decide(doc, new SurpriseHistory(last?.SurpriseId, last?.DrawnAt, spent), now,
            SurpriseRolls.For(tenantId, memberId, occasion), reward => reward.Stock is not { } stock || taken.GetValueOrDefault(reward.Id) < stock);

        var outcome = new SurpriseOutcome(memberId, occasion, false, null, 0, decision.Reason, now, null, null);
        if (decision.Granted is { } option)
        {
            outcome = await GrantAsync(scope, tenantId, member, program, option, outcome, month);
        }
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO surprise_draws (tenant_id, member_id, occasion, drawn_at, granted, surprise_id, cost_points, reason, line_id, redemption_id)
            VALUES (@tenantId, @MemberId, @Occasion, @DrawnAt, @Granted, @SurpriseId, @CostPoints, @Reason, @LineId, @RedemptionId)
            """,
            new
            {
                tenantId,
                outcome.MemberId,
                outcome.Occasion,
                outcome.DrawnAt,
                outcome.Granted,
                outcome.SurpriseId,
                outcome.CostPoints,
                outcome.Reason,
                outcome.LineId,
                outcome.RedemptionId,
            },
            scope.Transaction);
        return outcome;
    }

    internal static string Month(DateTimeOffset at) => SurpriseDraw.MonthOf(at).Start.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// Pays for the drawn surprise from the month's budget and gives it. A concurrent draw may have taken the
    /// budget or the last unit first: then nothing is given (and the budget is given back).
    /// </summary>
    private async Task<SurpriseOutcome> GrantAsync(WriteScope scope, string tenantId, MemberRow member, ProgramVersion program,
        SurpriseOption option, SurpriseOutcome outcome, string month)
    {
        var now = outcome.DrawnAt;
        if (!await SpendBudgetAsync(scope, tenantId, month, option.Cost, program.Document.Surprises!.MonthlyBudgetPoints))
        {
            return outcome with { Reason = $"surprise {option.Surprise.Id} drawn, but this month's budget was spent meanwhile" };
        }
        var reason = $"surprise: {option.Surprise.Name ?? option.Reward?.Name ?? option.Surprise.Id} ({outcome.Reason})";
        if (option.Reward is null)
        {
            var lineId = await CreditAsync(scope, tenantId, member, program, option.Cost, reason, now);
            return outcome with { Granted = true, SurpriseId = option.Surprise.Id, CostPoints = option.Cost, LineId = lineId };
        }
        var given = await GiveRewardAsync(scope, tenantId, member, program, option, reason, now, outcome);
        if (!given.Granted)
        {
            await scope.Connection.ExecuteAsync(
                "UPDATE surprise_budgets SET spent = spent - @cost WHERE tenant_id = @tenantId AND month = @month",
                new { tenantId, month, cost = option.Cost }, scope.Transaction);
        }
        return given;
    }

    /// <summary>False when another draw took what was left of the month's budget first.</summary>
    private static async Task<bool> SpendBudgetAsync(WriteScope scope, string tenantId, string month, long cost, long budget)
    {
        await scope.Connection.ExecuteAsync(
            "INSERT INTO surprise_budgets (tenant_id, month, spent) VALUES (@tenantId, @month, 0) ON CONFLICT (tenant_id, month) DO NOTHING",
            new { tenantId, month }, scope.Transaction);
        return await scope.Connection.ExecuteAsync(
            "UPDATE surprise_budgets SET spent = spent + @cost WHERE tenant_id = @tenantId AND month = @month AND spent + @cost <= @budget",
            new { tenantId, month, cost, budget }, scope.Transaction) == 1;
    }

    private static async Task<long> CreditAsync(WriteScope scope, string tenantId, MemberRow member, ProgramVersion program, long points,
        string reason, DateTimeOffset now)
    {
        var expiresAt = Expiry.ExpiresAt(program.Document, now);
        var lineId = await LedgerWriter.AppendAsync(scope, tenantId, new LedgerLine
        {
            MemberId = member.MemberId,
            At = now,
            Account = "points",
            Amount = points,
            Kind = LineKind,
            Reason = reason,
            ProgramVersion = program.Version,
            ExpiresAt = expiresAt,
        });
        await LedgerWriter.AddLotAsync(scope, tenantId, member.MemberId, lineId, null, points, member.PointsBalance, expiresAt);
        return lineId;
    }

    /// <summary>A catalog reward given free: a redemption of 0 points (its code, for a coupon), a unit of stock, and a zero ledger line.</summary>
    private async Task<SurpriseOutcome> GiveRewardAsync(WriteScope scope, string tenantId, MemberRow member, ProgramVersion program,
        SurpriseOption option, string reason, DateTimeOffset now, SurpriseOutcome outcome)
    {
        var reward = option.Reward!;
        if (reward.Stock is { } stock && !await RewardStock.TakeAsync(scope, tenantId, reward.Id, stock))
        {
            return outcome with { Reason = $"surprise {option.Surprise.Id} drawn, but '{reward.Id}' went out of stock" };
        }
        var redemptionId = Ids.New("rdm", clock);
        var coupon = reward.Kind == "coupon" ? Redemptions.NewCouponCode() : null;
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO redemptions (tenant_id, redemption_id, member_id, reward_id, points, coupon_code, status, created_at)
            VALUES (@tenantId, @redemptionId, @MemberId, @rewardId, 0, @coupon, 'active', @now)
            """, new { tenantId, redemptionId, member.MemberId, rewardId = reward.Id, coupon, now }, scope.Transaction);
        if (coupon is not null)
        {
            await CouponBatches.IssueForRewardAsync(scope, tenantId, member.MemberId, redemptionId, coupon, reward, program.Document.Currency, now);
        }
        var lineId = await LedgerWriter.AppendAsync(scope, tenantId, new LedgerLine
        {
            MemberId = member.MemberId,
            At = now,
            Account = "points",
            Amount = 0,
            Kind = LineKind,
            Reason = reason,
            ProgramVersion = program.Version,
            RedemptionId = redemptionId,
        });
        return outcome with { Granted = true, SurpriseId = option.Surprise.Id, CostPoints = option.Cost, LineId = lineId, RedemptionId = redemptionId };
    }

    private sealed class DrawRow
    {
        public const string Columns = "member_id, occasion, drawn_at, granted, surprise_id, cost_points, reason, line_id, redemption_id";

        public string MemberId { get; init; } = "";
        public string Occasion { get; init; } = "";
        public DateTimeOffset DrawnAt { get; init; }
        public bool Granted { get; init; }
        public string? SurpriseId { get; init; }
        public long CostPoints { get; init; }
        public string Reason { get; init; } = "";
        public long? LineId { get; init; }
        public string? RedemptionId { get; init; }

        public SurpriseOutcome ToOutcome() => new(MemberId, Occasion, Granted, SurpriseId, CostPoints, Reason, DrawnAt, LineId, RedemptionId);
    }
}
