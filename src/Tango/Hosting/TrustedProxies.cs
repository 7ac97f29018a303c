using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Tango.Hosting.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Tango.Hosting;

/// <summary>
/// `--trusted-proxies` (TANGO_TRUSTED_PROXIES; configuration key `trusted-proxies`): the reverse proxies whose
/// X-Forwarded-For and X-Forwarded-Proto are believed, as addresses or networks (`10.0.0.5, 10.1.0.0/16`). From
/// them, the client's address (for rate limits and login throttling) and scheme (HTTPS, for the cookies' Secure
/// flag) come from those headers; from anyone else the headers are ignored, so a client cannot pick its own
/// address. None are trusted by default, not even loopback.
/// </summary>
public static class TrustedProxies
{
    public static IReadOnlyList<IPNetwork> Parse(IConfiguration configuration)
    {
        var text = configuration["trusted-proxies"] ?? "";
        var networks = new List<IPNetwork>();
        foreach (var item in text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(item, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(item, out var address))
            {
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else
            {
                throw new StartupFailure($"--trusted-proxies: '{item}' is not an IP address or a network such as 10.0.0.0/8.", StartupFailure.BadUsage);
            }
        }
        return networks;
    }

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = Parse(configuration);
        return services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; here only what the operator lists is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }
            // A chain of listed proxies is followed back to the first address none of them vouches for.
            o.ForwardLimit = null;
        });
    }

    /// <summary>First in the pipeline, so everything after sees the client's address and scheme.</summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        if (Parse(app.Configuration).Count > 0)
        {
            app.UseForwardedHeaders();
        }
    }
}
