using System.Net.Http.Headers;

namespace Tango.LoadDriver;

/// <summary>The HTTP client of one node: keep-alive connections, the key on every request.</summary>
internal static class Http
{
    public static HttpClient Create(Uri url, DriverOptions options, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        var http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/"),
            Timeout = options.RequestTimeout,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);
        return http;
    }
}
