using System.Net;
using System.Net.Sockets;

namespace Tango.Domain.Journeys;

/// <summary>
/// Addresses a webhook must not reach unless the operator allows it: loopback, private (RFC 1918, IPv6 unique
/// local), link-local (which holds cloud metadata services), carrier-grade NAT, the documentation and benchmarking
/// ranges, unspecified and multicast.
/// A webhook URL is typed by a tenant's admin, and the server would otherwise call into its own network for them.
/// </summary>
public static class PrivateAddresses
{
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return true;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC; // fc00::/7
        }
        var v4 = address.GetAddressBytes();
        return v4[0] switch
        {
            0 or 10 or 127 => true,
            100 => v4[1] is >= 64 and <= 127,         // 100.64.0.0/10
            169 => v4[1] == 254,                       // link-local, cloud metadata
            172 => v4[1] is >= 16 and <= 31,
            192 => v4[1] == 168 || (v4[1] == 0 && v4[2] is 0 or 2),   // and 192.0.2.0/24, documentation
            198 => v4[1] is 18 or 19 || (v4[1] == 51 && v4[2] == 100),  // benchmarking, documentation
            203 => v4[1] == 0 && v4[2] == 113,                          // documentation
            >= 224 => true,                            // multicast and reserved
            _ => false,
        };
    }

    /// <summary>A host that names this machine or a private address outright (no lookup).</summary>
    public static bool IsPrivateHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.TrimEnd('.'); // "localhost." is the same name
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name.Trim('[', ']'), out var ip) && IsPrivate(ip));
    }
}
