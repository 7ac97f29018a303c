using System.Text.Json.Nodes;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Referrals;

public sealed class ReferralTests
{
    private static async Task<(TangoServer Server, string Code)> ReferrerAsync(StoreUnderTest store, string program = ReferralFixtures.ReferralProgram)
    {
        var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(program), 200);
        await ExpectAsync(await server.SignUpAsync("ann", null), 201);
        return (server, await server.CodeAsync("ann"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Both_sides_are_paid_once_when_the_friends_first_purchase_reaches_the_minimum_even_when_it_is_retried(StoreUnderTest store)
    {
        var (server, code) = await ReferrerAsync(store);
        await using var _ = server;
        var referral = await server.ReferralAsync("ann");
        Assert.Matches("^[2-9A-HJKMNP-Z]{8}$", code);
        Assert.EndsWith($"/portal/join?ref={code}", Value<string>(referral["link"]), StringComparison.Ordinal);
        var bob = await ExpectAsync(await server.SignUpAsync("bob", code.ToLowerInvariant()[..4] + "-" + code[4..]), 201);
        Assert.Equal(code, Value<string>(bob["referredByCode"]));

        var small = await server.BuyAsync("bob", "o-1", 10m);
        var first = await server.BuyAsync("bob", "o-2", 30m, key: "checkout-o-2");
        var retried = await server.PostEventAsync(ReferralFixtures.PurchaseJson("bob", "o-2", 30m), "checkout-o-2");
        var again = await server.PostEventAsync(ReferralFixtures.PurchaseJson("bob", "o-2", 30m), "checkout-o-2-new-key");

        Assert.Equal("pending", Value<string>(small["referral"]!["status"]));
        Assert.Empty(small["rewards"]!.AsArray());
        Assert.Equal("qualified", Value<string>(first["referral"]!["status"]));
        Assert.Equal(30, Value<long>(first["pointsEarned"]));
        var reward = Assert.Single(first["rewards"]!.AsArray())!;
        Assert.Equal(("referral", 200L), (Value<string>(reward["source"]), Value<long>(reward["points"])));
        Assert.Equal(240, Value<long>(first["balance"]));
        Assert.Equal(first.ToJsonString(), (await ExpectAsync(retried, 200)).ToJsonString());
        await ExpectProblemAsync(again, 409);
        await server.BuyAsync("bob", "o-3", 100m);
        Assert.Equal(340, await server.PointsAsync("bob"));
        Assert.Equal(500, await server.PointsAsync("ann"));
        var line = Assert.Single(await server.LedgerAsync("ann"))!;
        Assert.Equal(("referral", "referral"), (Value<string>(line["kind"]), Value<string>(line["ruleId"])));
        referral = await server.ReferralAsync("ann");
        Assert.Equal((1L, 1L, 500L), (Value<long>(referral["invited"]), Value<long>(referral["qualified"]), Value<long>(referral["pointsEarned"])));
        Assert.Equal(140m, Value<decimal>(referral["revenueFromReferred"]));
        Assert.Equal("ann", Value<string>((await server.ReferralAsync("bob"))["referredBy"]!["referrerId"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_unknown_code_is_a_422_naming_the_field_and_no_member_is_created(StoreUnderTest store)
    {
        var (server, code) = await ReferrerAsync(store);
        await using var _ = server;

        await ExpectProblemAsync(await server.SignUpAsync("bob", "ZZZZ2222"), 422, "referredByCode");
        await ExpectProblemAsync(await server.SignUpAsync("bob", "not a code at all"), 422, "referredByCode");

        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/bob"), 404);
        await ExpectAsync(await server.SignUpAsync("bob", code), 201);
        Assert.Equal(1, Value<long>((await server.ReferralAsync("ann"))["invited"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Self_referral_by_email_phone_or_card_is_refused_with_its_reason(StoreUnderTest store)
    {
        var (server, code) = await ReferrerAsync(store);
        await using var _ = server;
        await server.BuyAsync("ann", "a-1", 5m, card: "card_ann");

        var sameEmail = await ExpectProblemAsync(await server.SignUpAsync("ann2", code, email: "ANN@example.com"), 422, "referredByCode");
        var sameCardAtSignUp = await ExpectProblemAsync(
            await server.SignUpAsync("ann3", code, extra: ""","paymentFingerprint":"card_ann" """), 422, "referredByCode");
        await ExpectAsync(await server.SignUpAsync("ann4", code), 201);
        var sameCardAtPurchase = await server.BuyAsync("ann4", "o-1", 50m, card: "card_ann");

        Assert.Equal("urn:tango:problem:self-referral", Value<string>(sameEmail["type"]));
        Assert.Contains("email", Value<string>(sameEmail["detail"]), StringComparison.Ordinal);
        Assert.Contains("card", Value<string>(sameCardAtSignUp["detail"]), StringComparison.Ordinal);
        Assert.Equal(("refused", "self-referral"), (Value<string>(sameCardAtPurchase["referral"]!["status"]), Value<string>(sameCardAtPurchase["referral"]!["reason"])));
        Assert.Empty(sameCardAtPurchase["rewards"]!.AsArray());
        Assert.Equal(5, await server.PointsAsync("ann"));
        Assert.Equal(50, await server.PointsAsync("ann4"));
        await server.BuyAsync("ann4", "o-2", 50m);
        Assert.Equal(5, await server.PointsAsync("ann"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_monthly_cap_refuses_more_rewards_with_its_reason_until_the_next_month(StoreUnderTest store)
    {
        var (server, code) = await ReferrerAsync(store, ReferralFixtures.ReferralProgram.Replace("\"maxRewardsPerMonth\":10", "\"maxRewardsPerMonth\":1",
            StringComparison.Ordinal));
        await using var _ = server;
        foreach (var friend in new[] { "bob", "cy", "dee" })
        {
            await ExpectAsync(await server.SignUpAsync(friend, code), 201);
        }

        var paid = await server.BuyAsync("bob", "o-1", 25m);
        var capped = await server.BuyAsync("cy", "o-2", 25m);
        server.Clock.Advance(TimeSpan.FromDays(10)); // 3 December: a new month
        var nextMonth = await server.BuyAsync("dee", "o-3", 25m);

        Assert.Equal("qualified", Value<string>(paid["referral"]!["status"]));
        Assert.Equal(("refused", "monthly-cap"), (Value<string>(capped["referral"]!["status"]), Value<string>(capped["referral"]!["reason"])));
        Assert.Equal(25, await server.PointsAsync("cy"));
        Assert.Equal("qualified", Value<string>(nextMonth["referral"]!["status"]));
        Assert.Equal(1000, await server.PointsAsync("ann"));
        var stats = await ExpectAsync(await server.Admin.GetAsync("/v1/referrals/stats"), 200);
        Assert.Equal((3L, 2L, 1L), (Value<long>(stats["invited"]), Value<long>(stats["qualified"]), Value<long>(stats["refused"]!["monthly-cap"])));
        Assert.Equal((1000L, 400L, 1400L), (Value<long>(stats["referrerPointsPaid"]), Value<long>(stats["friendPointsPaid"]), Value<long>(stats["pointsPaid"])));
        Assert.Equal(75m, Value<decimal>(stats["revenueFromReferred"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_refund_of_the_first_purchase_within_the_window_reverses_both_rewards_once(StoreUnderTest store)
    {
        var (server, code) = await ReferrerAsync(store);
        await using var _ = server;
        await ExpectAsync(await server.SignUpAsync("bob", code), 201);
        await server.BuyAsync("bob", "o-1", 50m);

        var partial = await server.RefundAsync("bob", "o-1", 20m); // 30 left: still at least the minimum of 20
        var reversing = await server.RefundAsync("bob", "o-1", 15m);
        var rest = await server.RefundAsync("bob", "o-1", 15m);

        Assert.Null(partial["referral"]);
        Assert.Equal("reversed", Value<string>(reversing["referral"]!["status"]));
        Assert.Equal(-200, Value<long>(Assert.Single(reversing["rewards"]!.AsArray())!["points"]));
        Assert.Null(rest["referral"]);
        Assert.Equal(0, await server.PointsAsync("bob"));
        Assert.Equal(0, await server.PointsAsync("ann"));
        var reversal = Assert.Single(await server.LedgerAsync("ann"), l => Value<string>(l!["kind"]) == "referral-reversal")!;
        Assert.Equal(-500, Value<long>(reversal["amount"]));
        var view = await server.ReferralAsync("ann");
        Assert.Equal((0L, 0L), (Value<long>(view["qualified"]), Value<long>(view["pointsEarned"])));
        Assert.Equal(1, Value<long>(view["reversed"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_refund_after_the_window_keeps_the_rewards_and_spent_points_leave_a_debt(StoreUnderTest store)
    {
        var (server, code) = await ReferrerAsync(store);
        await using var _ = server;
        await ExpectAsync(await server.SignUpAsync("bob", code), 201);
        await ExpectAsync(await server.SignUpAsync("cy", code), 201);
        await server.BuyAsync("bob", "o-1", 50m);
        await server.BuyAsync("cy", "o-2", 50m);
        await ExpectAsync(await server.Admin.PostAsync("/v1/members/ann/redemptions", Json("""{"points":900}""")), 201);

        var early = await server.RefundAsync("cy", "o-2", 50m);
        server.Clock.Advance(TimeSpan.FromDays(31));
        var late = await server.RefundAsync("bob", "o-1", 50m);

        Assert.Equal("reversed", Value<string>(early["referral"]!["status"]));
        Assert.Null(late["referral"]);
        Assert.Equal(-400, await server.PointsAsync("ann")); // 1000 paid, 900 spent, 500 taken back
        Assert.Equal(200, await server.PointsAsync("bob"));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_referrer_buying_in_the_same_batch_as_the_friend_is_paid_once_and_keeps_every_point(StoreUnderTest store)
    {
        var (server, code) = await ReferrerAsync(store);
        await using var _ = server;
        await ExpectAsync(await server.SignUpAsync("bob", code), 201);
        var items = new JsonArray();
        foreach (var (member, order, total) in new[] { ("ann", "a-1", 10m), ("bob", "b-1", 40m), ("bob", "b-2", 40m), ("ann", "a-2", 10m) })
        {
            var item = JsonNode.Parse(ReferralFixtures.PurchaseJson(member, order, total))!.AsObject();
            item["idempotencyKey"] = "k-" + order;
            items.Add(item);
        }

        var answer = await ExpectAsync(await server.Admin.PostAsync("/v1/events:batch", Json(items.ToJsonString())), 200);

        var results = answer["results"]!.AsArray().Select(r => r!["result"]!).ToList();
        Assert.Equal("qualified", Value<string>(results[1]["referral"]!["status"]));
        Assert.Null(results[2]["referral"]);
        Assert.Equal(520, await server.PointsAsync("ann"));
        Assert.Equal(280, await server.PointsAsync("bob"));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_erased_referrers_code_no_longer_refers_and_the_export_shows_referrals(StoreUnderTest store)
    {
        var (server, code) = await ReferrerAsync(store);
        await using var _ = server;
        await ExpectAsync(await server.SignUpAsync("bob", code), 201);
        var export = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann/export"), 200);
        Assert.Equal(code, Value<string>(export["referral"]!["code"]));
        Assert.Equal("bob", Value<string>(Assert.Single(export["referral"]!["friends"]!.AsArray())!["friendId"]));

        await ExpectAsync(await server.Admin.DeleteAsync("/v1/members/ann"), 204);

        await ExpectProblemAsync(await server.SignUpAsync("cy", code), 422, "referredByCode");
        var bought = await server.BuyAsync("bob", "o-1", 50m);
        Assert.Equal(("refused", "referrer-gone"), (Value<string>(bought["referral"]!["status"]), Value<string>(bought["referral"]!["reason"])));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_member_enrolled_by_a_purchase_gets_a_code_when_it_asks_and_keeps_it(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync(ReferralFixtures.ReferralProgram.Replace("\"maxRewardsPerMonth\":10",
            "\"maxRewardsPerMonth\":10,\"link\":\"https://shop.example/join?ref={code}\"", StringComparison.Ordinal)), 200);
        await server.BuyAsync("walk-in", "o-1", 10m);

        var first = await server.ReferralAsync("walk-in");
        var second = await server.ReferralAsync("walk-in");

        Assert.Equal(Value<string>(first["code"]), Value<string>(second["code"]));
        Assert.Equal($"https://shop.example/join?ref={Value<string>(first["code"])}", Value<string>(first["link"]));
        await ExpectProblemAsync(await server.Admin.GetAsync("/v1/members/nobody/referral"), 404);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Verify_reports_a_referral_taken_back_twice(StoreUnderTest store)
    {
        var (server, code) = await ReferrerAsync(store);
        await using var _ = server;
        await ExpectAsync(await server.SignUpAsync("bob", code), 201);
        await server.BuyAsync("bob", "o-1", 50m);
        await server.RefundAsync("bob", "o-1", 50m);
        Assert.Empty(await server.VerifyAsync());

        // A second reversal line, as a bug that reversed twice would write it (with its balance, so only this check can see it).
        await using (var db = Tango.Store.Infrastructure.Database.Open(server.DatabaseLocation))
        await using (var connection = await db.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO ledger_lines (tenant_id, member_id, at, account, amount, kind, reason, order_id)
                VALUES ('default', 'ann', '2026-11-23T10:00:00.0000000Z', 'points', -500, 'referral-reversal', 'again', 'o-1');
                UPDATE members SET points_balance = points_balance - 500 WHERE tenant_id = 'default' AND member_id = 'ann';
                """;
            await command.ExecuteNonQueryAsync();
        }

        var problem = Assert.Single(await server.VerifyAsync());
        Assert.Contains("referral of order o-1 paid 500 points and took back 1000", problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_purchase_from_before_the_sign_up_does_not_qualify_the_referral(StoreUnderTest store)
    {
        var (server, code) = await ReferrerAsync(store);
        await using var _ = server;
        await ExpectAsync(await server.SignUpAsync("bob", code), 201);

        var imported = await server.BuyAsync("bob", "old-1", 80m, at: Start.AddDays(-30));
        var now = await server.BuyAsync("bob", "o-1", 20m);

        Assert.Equal("pending", Value<string>(imported["referral"]!["status"]));
        Assert.Contains("before the friend was referred", Value<string>(imported["referral"]!["detail"]), StringComparison.Ordinal);
        Assert.Equal("qualified", Value<string>(now["referral"]!["status"]));
        Assert.Equal(500, await server.PointsAsync("ann"));
    }
}
