using System.Collections.Concurrent;

namespace Tango.Journeys.Webhooks;

/// <summary>
/// At most <see cref="JourneyOptions.WebhookConcurrency"/> deliveries in flight to one endpoint (its URL) from this
/// node; the others wait their turn. A burst (a campaign, an import, a busy hour) then reaches a small receiver a few
/// requests at a time, instead of as dozens of connections it drops and every event waiting for its retry. The wait
/// comes before an attempt starts, so it never counts against the attempt's timeout.
/// </summary>
public sealed class WebhookEndpointGate(JourneyOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _endpoints = new(StringComparer.Ordinal);

    public async Task<T> RunAsync<T>(string endpoint, Func<Task<T>> attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var turn = _endpoints.GetOrAdd(endpoint, _ => new SemaphoreSlim(options.WebhookConcurrency));
        await turn.WaitAsync(ct);
        try
        {
            return await attempt();
        }
        finally
        {
            turn.Release();
        }
    }

    public void Dispose()
    {
        foreach (var turn in _endpoints.Values)
        {
            turn.Dispose();
        }
    }
}
