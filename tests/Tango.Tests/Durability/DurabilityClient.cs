using System.Net.Http.Headers;
using Tango.Tests.Harness;

namespace Tango.Tests.Durability;

/// <summary>The HTTP side of the tests that stop a `tango` process under load.</summary>
internal static class DurabilityClient
{
    public static HttpClient For(Uri address, string key)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static Task<HttpResponseMessage> PostEventAsync(HttpClient client, string idempotencyKey, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = TangoServer.Json(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }
}
