using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Tango.Domain.Journeys;
using Tango.Store.Journeys;

namespace Tango.Journeys.Webhooks;

/// <summary>One delivery attempt: POST the fixed body with the Standard Webhooks headers; 2xx is success.</summary>
public sealed class WebhookSender(JourneyOptions options, TimeProvider clock) : IDisposable
{
    // Redirects are not followed: a webhook endpoint answers where it was registered.
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = options.WebhooksAllowPrivate ? null : ConnectPublicOnlyAsync,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// Connects only to public addresses: the name is resolved here and each address checked before it is used,
    /// so a host that resolves (or is rebound) to a private address is never reached.
    /// </summary>
    private static async ValueTask<Stream> ConnectPublicOnlyAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
        var usable = addresses.Where(a => !PrivateAddresses.IsPrivate(a)).ToArray();
        if (usable.Length == 0)
        {
            throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves only to private or loopback addresses, which webhooks may not reach.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<(WebhookAttempt Attempt, bool Delivered)> AttemptAsync(DueDelivery delivery, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var at = clock.GetUtcNow();
        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("webhook-id", delivery.DeliveryId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(delivery.Secret, delivery.DeliveryId, timestamp, delivery.Payload));
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.WebhookTimeout);
        int? status = null;
        string? error = null;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                error = $"HTTP {status}";
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            error = ex is TaskCanceledException ? $"timed out after {options.WebhookTimeout.TotalSeconds:0} s" : ex.Message;
        }
        var duration = (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return (new WebhookAttempt(delivery.Attempts + 1, at, status, error, duration), error is null);
    }

    public void Dispose() => _http.Dispose();
}
