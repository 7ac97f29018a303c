using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tango.Tests.Harness;
using static Tango.Tests.Harness.TangoServer;

namespace Tango.Tests.Journeys;

public sealed class WebhookBurstTests
{
    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task A_burst_of_deliveries_reaches_one_receiver_at_most_four_connections_at_a_time_and_every_one_arrives(StoreUnderTest store)
    {
        await using var receiver = await SlowReceiver.StartAsync(TimeSpan.FromMilliseconds(300));
        await using var server = await StartAsync(store, null, WebhookReceiver.AllowLoopback);
        await ExpectAsync(await server.Admin.PostAsync("/v1/webhooks", Json($$"""{"url":"{{receiver.Url}}","events":["member.created"]}""")), 201);
        for (var i = 0; i < 30; i++)
        {
            await server.EnrolAsync($"m{i:00}");
        }

        await server.RunJourneysAsync();

        Assert.Equal(30, receiver.Ids.Distinct().Count());
        Assert.InRange(receiver.MostRequestsAtOnce, 2, 4);
        Assert.InRange(receiver.MostConnectionsAtOnce, 1, 4);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task The_cap_per_receiver_is_a_server_setting(StoreUnderTest store)
    {
        await using var receiver = await SlowReceiver.StartAsync(TimeSpan.FromMilliseconds(200));
        await using var server = await StartAsync(store, null, [.. WebhookReceiver.AllowLoopback, "--webhook-concurrency", "2"]);
        await ExpectAsync(await server.Admin.PostAsync("/v1/webhooks", Json($$"""{"url":"{{receiver.Url}}","events":["member.created"]}""")), 201);
        for (var i = 0; i < 12; i++)
        {
            await server.EnrolAsync($"n{i:00}");
        }

        await server.RunJourneysAsync();

        Assert.Equal(12, receiver.Ids.Distinct().Count());
        Assert.Equal(2, receiver.MostRequestsAtOnce);
        Assert.InRange(receiver.MostConnectionsAtOnce, 1, 2);
    }

    /// <summary>
    /// A receiver on loopback that takes its time over each request and counts how many TCP connections are open and
    /// how many requests are in hand at once, as a small shop's endpoint would feel them.
    /// </summary>
    private sealed class SlowReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly TimeSpan _delay;
        private int _connections;
        private int _requests;
        private int _mostConnections;
        private int _mostRequests;

        private SlowReceiver(WebApplication app, TimeSpan delay)
        {
            _app = app;
            _delay = delay;
        }

        public ConcurrentBag<string> Ids { get; } = [];
        public int MostConnectionsAtOnce => Volatile.Read(ref _mostConnections);
        public int MostRequestsAtOnce => Volatile.Read(ref _mostRequests);
        public string Url => _app.Urls.First() + "/hook";

        public static async Task<SlowReceiver> StartAsync(TimeSpan delay)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            SlowReceiver? receiver = null;
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
                listen.Use(next => connection => receiver!.CountConnectionAsync(next, connection))));
            var app = builder.Build();
            receiver = new SlowReceiver(app, delay);
            app.MapPost("/hook", receiver.HandleAsync);
            await app.StartAsync();
            return receiver;
        }

        private async Task CountConnectionAsync(ConnectionDelegate next, ConnectionContext connection)
        {
            Raise(ref _mostConnections, Interlocked.Increment(ref _connections));
            try
            {
                await next(connection);
            }
            finally
            {
                Interlocked.Decrement(ref _connections);
            }
        }

        private async Task<IResult> HandleAsync(HttpRequest request)
        {
            Raise(ref _mostRequests, Interlocked.Increment(ref _requests));
            try
            {
                Ids.Add(request.Headers["webhook-id"].ToString());
                await Task.Delay(_delay);
                return Results.NoContent();
            }
            finally
            {
                Interlocked.Decrement(ref _requests);
            }
        }

        private static void Raise(ref int most, int now)
        {
            int seen;
            while (now > (seen = Volatile.Read(ref most)) && Interlocked.CompareExchange(ref most, now, seen) != seen)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
