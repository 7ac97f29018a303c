using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;
using static Tango.Tests.Journeys.JourneyFixtures;

namespace Tango.Tests.Journeys;

public sealed class AbandonedCartTests
{
    private const string Cart = """{"cartId":"CART","total":42.5,"lines":[{"sku":"kettle","quantity":1,"unitPrice":42.5}]}""";

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_cart_that_converts_before_the_reminder_gets_no_reminder_while_an_abandoned_one_does(StoreUnderTest store)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = await StartAsync(store, null, "--smtp", smtp.Url);
        await server.JoinAsync("ada");
        await server.JoinAsync("ben");
        await server.PutJourneyAsync("abandoned-cart", $$"""
            {"name":"Cart","enabled":true,"trigger":{"type":"cart-abandoned","delay":"PT4H"},
             "steps":[{{EmailStep("remind", "Your cart of {{ cart.total }} is waiting")}}]}
            """);

        await server.EventAsync("cart.updated", "ada", Cart.Replace("CART", "c-ada"));
        await server.EventAsync("cart.updated", "ben", Cart.Replace("CART", "c-ben"));
        await server.RunJourneysAsync();
        server.Clock.Advance(TimeSpan.FromHours(1));
        await server.EventAsync("cart.converted", "ada", Cart.Replace("CART", "c-ada"));
        await server.EventAsync("cart.converted", "ben", Cart.Replace("CART", "another-cart"));
        await server.RunJourneysAsync();
        var beforeDue = smtp.Messages().Count;
        server.Clock.Advance(TimeSpan.FromHours(3));
        await server.RunJourneysAsync();

        Assert.Equal(0, beforeDue);
        var reminder = Assert.Single(smtp.Messages());
        Assert.Equal("ben@example.com", reminder.To.Mailboxes.Single().Address);
        Assert.Equal("Your cart of 42.5 is waiting", reminder.Subject);
        var ada = Assert.Single(await server.JourneysOfAsync("ada"))!;
        Assert.Equal("exited", Value<string>(ada["status"]));
        Assert.Equal("event:cart.converted", Value<string>(ada["exitReason"]));
        Assert.Equal("completed", Value<string>(Assert.Single(await server.JourneysOfAsync("ben"))!["status"]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_cart_updated_again_starts_the_wait_over_and_the_reminder_shows_what_it_holds_now(StoreUnderTest store)
    {
        await using var server = await StartAsync(store);
        await server.JoinAsync("cy");
        await server.PutJourneyAsync("abandoned-cart", """
            {"name":"Cart","enabled":true,"trigger":{"type":"cart-abandoned","delay":"PT4H"},
             "steps":[{"id":"remind","type":"send","channel":"inbox","subject":"Cart","template":"Your cart of {{ cart.total }} is waiting"}]}
            """);

        await server.EventAsync("cart.updated", "cy", Cart.Replace("CART", "c-cy"));
        await server.RunJourneysAsync();
        server.Clock.Advance(TimeSpan.FromHours(3));
        await server.EventAsync("cart.updated", "cy", Cart.Replace("CART", "c-cy").Replace("42.5", "60"));
        await server.RunJourneysAsync();
        server.Clock.Advance(TimeSpan.FromHours(2)); // the first update's four hours are over
        await server.RunJourneysAsync();
        var atFirstDeadline = await server.InboxAsync("cy");
        server.Clock.Advance(TimeSpan.FromHours(2)); // and now the second's
        await server.RunJourneysAsync();

        Assert.Empty(atFirstDeadline);
        var reminder = Assert.Single(await server.InboxAsync("cy"))!;
        Assert.Equal("Your cart of 60 is waiting", Value<string>(reminder["body"]));
        Assert.Single(await server.JourneysOfAsync("cy"));
    }
}
