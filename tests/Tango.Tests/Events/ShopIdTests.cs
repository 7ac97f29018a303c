using System.Net;
using Tango.Store.Tenants;
using Tango.Tests.Harness;
using Tango.Tests.Web;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Events;

/// <summary>Order numbers, SKUs and the other ids a shop makes up are taken as the shop writes them.</summary>
public sealed class ShopIdTests
{
    private const string Order = "#1001/7";
    private const string Sku = "BEANS 1KG/DARK";

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task An_order_numbered_like_a_shop_with_a_sku_holding_spaces_and_slashes_earns_is_refunded_and_shows_in_ledger_and_export(
        StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("ann");

        var bought = await ExpectAsync(await server.PostEventAsync($$$"""
            {"type":"purchase","memberId":"ann","data":{"orderId":"{{{Order}}}","total":30,
             "lines":[{"sku":"{{{Sku}}}","quantity":2,"unitPrice":15}]}}
            """), 200);
        // Sent with spaces around it, the order number is the same order.
        var refunded = await ExpectAsync(await server.PostEventAsync($$$"""
            {"type":"refund","memberId":"ann","data":{"orderId":"  {{{Order}}} ","amount":15,"refundId":"R #1/a"}}
            """), 200);
        await ExpectAsync(await server.PostEventAsync($$$"""{"type":"product.viewed","memberId":"ann","data":{"sku":"{{{Sku}}}"}}"""), 200);
        await ExpectAsync(await server.PostEventAsync($$$"""
            {"type":"cart.updated","memberId":"ann","data":{"cartId":"cart #9 / web","total":15,"lines":[{"sku":" {{{Sku}}}","quantity":1,"unitPrice":15}]}}
            """), 200);

        Assert.Equal((30L, 15L), (Value<long>(bought["pointsEarned"]), Value<long>(refunded["balance"])));
        var ledger = await server.LedgerAsync("ann");
        Assert.Equal([Order, Order], ledger.Where(l => Value<string>(l!["account"]) == "points").Select(l => Value<string>(l!["orderId"])));
        Assert.Contains(ledger, l => Value<string>(l!["reason"]).EndsWith("on order " + Order, StringComparison.Ordinal));
        var export = await ExpectAsync(await server.Admin.GetAsync("/v1/members/ann/export"), 200);
        var order = Assert.Single(export["orders"]!.AsArray())!;
        Assert.Equal((Order, 15m), (Value<string>(order["orderId"]), Value<decimal>(order["refunded"])));
        var events = export["events"]!.AsArray().ToDictionary(e => Value<string>(e!["type"]), e => e!["data"]!);
        Assert.Equal(Sku, Value<string>(events["purchase"]["lines"]![0]!["sku"]));
        Assert.Equal(Order, Value<string>(events["refund"]["orderId"]));
        Assert.Equal("R #1/a", Value<string>(events["refund"]["refundId"]));
        Assert.Equal(Sku, Value<string>(events["cart.updated"]["lines"]![0]!["sku"]));
        Assert.Empty(await server.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Tickets_surveys_coupons_incidents_and_rewards_take_shop_ids_too(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await ExpectAsync(await server.PutProgramAsync("""
            {"currency":"EUR","earning":{"pointsPerUnit":1},
             "rewards":[{"id":"COFFEE/L 2","name":"Large coffee","kind":"product","costPoints":10}]}
            """), 200);
        await server.EnrolAsync("bo");
        await ExpectAsync(await server.PostEventAsync($$$"""
            {"type":"purchase","memberId":"bo","data":{"orderId":"{{{Order}}}","total":40,"lines":[{"sku":"{{{Sku}}}","quantity":1,"unitPrice":40}]}}
            """), 200);
        var batch = await ExpectAsync(await server.Admin.PostAsync("/v1/coupons/batches", Json("""{"count":1,"discount":{"amount":5}}""")), 201);
        var code = Value<string>((await ExpectAsync(await server.Admin.GetAsync($"/v1/coupons/batches/{Value<string>(batch["batchId"])}/codes"), 200))
            ["items"]![0]!["code"]);

        var ticket = await ExpectAsync(await server.Admin.PostAsync("/v1/tickets",
            Json($$$"""{"memberId":"bo","subject":"Late","channel":"email","orderId":"{{{Order}}}"}""")), 201);
        var survey = await ExpectAsync(await server.Admin.PostAsync("/v1/surveys/responses",
            Json($$$"""{"memberId":"bo","kind":"csat","score":5,"orderId":" {{{Order}}}"}""")), 201);
        var coupon = await ExpectAsync(await server.Admin.PostAsync("/v1/coupons:redeem",
            Json($$$"""{"code":"{{{code}}}","memberId":"bo","orderId":"{{{Order}}}"}""")), 200);
        var incident = await ExpectAsync(await server.Admin.PostAsync("/v1/incidents", Json($$$"""
            {"title":"Late","message":"Sorry","affected":{"orderIds":["{{{Order}}}"],"skus":["{{{Sku}}}"]},"channels":["inbox"]}
            """)), 201);
        var redeemed = await ExpectAsync(await server.Admin.PostAsync("/v1/members/bo/redemptions", Json("""{"rewardId":"COFFEE/L 2"}""")), 201);

        Assert.Equal(Order, Value<string>(ticket["orderId"]));
        Assert.Equal(Order, Value<string>(survey["orderId"]));
        Assert.Equal(Order, Value<string>(coupon["orderId"]));
        Assert.Equal(1, Value<int>(incident["notified"]));
        Assert.Equal(("COFFEE/L 2", 10L), (Value<string>(redeemed["rewardId"]), Value<long>(redeemed["pointsSpent"])));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Control_characters_line_breaks_invisible_marks_and_overlong_ids_are_refused_naming_the_field_and_change_nothing(
        StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.PurchaseAsync("cy", "o-1", 10m);
        var ledger = (await server.LedgerAsync("cy")).Count;

        var nul = await server.PostEventAsync("""{"type":"purchase","memberId":"cy","data":{"orderId":"#1001\u0000","total":10}}""");
        var newline = await server.PostEventAsync("""{"type":"purchase","memberId":"cy","data":{"orderId":"o-2","total":10,"lines":[{"sku":"BEANS\n1KG","quantity":1,"unitPrice":10}]}}""");
        var tab = await server.PostEventAsync("""{"type":"cart.updated","memberId":"cy","data":{"cartId":"c\t1","total":10}}""");
        var bidi = await server.PostEventAsync("""{"type":"refund","memberId":"cy","data":{"orderId":"o-1","amount":1,"refundId":"r\u202e1"}}""");
        var blank = await server.PostEventAsync("""{"type":"product.viewed","memberId":"cy","data":{"sku":"   "}}""");
        var overlong = await server.PostEventAsync($$$"""{"type":"purchase","memberId":"cy","data":{"orderId":"{{{new string('7', 201)}}}","total":10}}""");
        var ticket = await server.Admin.PostAsync("/v1/tickets", Json("""{"memberId":"cy","subject":"Late","channel":"email","orderId":"o\u00071"}"""));

        await ExpectProblemAsync(nul, 422, "data.orderId");
        await ExpectProblemAsync(newline, 422, "data.lines[0].sku");
        await ExpectProblemAsync(tab, 422, "data.cartId");
        await ExpectProblemAsync(bidi, 422, "data.refundId");
        await ExpectProblemAsync(blank, 422, "data.sku");
        await ExpectProblemAsync(overlong, 422, "data.orderId");
        await ExpectProblemAsync(ticket, 422, "orderId");
        Assert.Equal(ledger, (await server.LedgerAsync("cy")).Count);
        Assert.Empty((await ExpectAsync(await server.Admin.GetAsync("/v1/tickets?memberId=cy"), 200))["items"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_dashboard_shows_shop_ids_on_the_profile_as_text_never_as_markup(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.EnrolAsync("di");
        await server.PurchaseAsync("di", Order, 20m);
        await server.PurchaseAsync("di", "<b>1002</b> & co", 20m);
        await WebSession.CreateUserAsync(server, "staff@example.com", Role.Read);
        using var web = new Tango.Tests.Web.WebClient(server);
        Assert.Equal(HttpStatusCode.Redirect, (await web.LogInAsync("staff@example.com", WebSession.Password)).StatusCode);

        var html = await (await web.GetAsync("/admin/members/di")).Content.ReadAsStringAsync();

        Assert.Contains(">#1001/7<", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;1002&lt;/b&gt; &amp; co", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>1002</b>", html, StringComparison.Ordinal);
    }
}
