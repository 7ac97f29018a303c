using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tango.Tests.Journeys;

/// <summary>
/// A real HTTP endpoint on loopback that checks each request the way a Standard Webhooks consumer does
/// (its own HMAC, not Tango's code), answers 500 to the first <see cref="FailFirst"/> requests, then 204.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    public sealed record Received(string Id, long Timestamp, string Signature, string Body, bool SignatureValid, int Answered);

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Set once Tango answered the subscription with it.</summary>
    public string Secret { get; set; } = "";

    public int FailFirst { get; init; }

    public string Url => _app.Urls.First() + "/hook";

    /// <summary>The server options that let webhooks reach this receiver on loopback.</summary>
    public static string[] AllowLoopback { get; } = ["--webhooks-allow-private", "true"];

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { FailFirst = failFirst };
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var id = request.Headers["webhook-id"].ToString();
        var timestamp = long.Parse(request.Headers["webhook-timestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var signature = request.Headers["webhook-signature"].ToString();
        var answer = Interlocked.Increment(ref _requests) <= FailFirst ? 500 : 204;
        Requests.Enqueue(new Received(id, timestamp, signature, body, Verify(id, timestamp, signature, body), answer));
        return Results.StatusCode(answer);
    }

    /// <summary>Standard Webhooks: any of the space-separated "v1,&lt;base64&gt;" signatures over "id.timestamp.body".</summary>
    private bool Verify(string id, long timestamp, string header, string body)
    {
        var key = Convert.FromBase64String(Secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        return header.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(expected)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
