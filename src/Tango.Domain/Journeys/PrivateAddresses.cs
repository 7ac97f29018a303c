using System.Net;
using System.Net.Sockets;

namespace Tango.Domain.Journeys;

/// <summary>
/// Addresses a webhook must not reach unless the operator allows it: loopback, private (RFC 1918, IPv6 unique
/// local), link-local (which holds cloud metadata services), carrier-grade NAT, the documentation and benchmarking
/// ranges, unspecified and multicast. An IPv6 address that carries an IPv4 address (IPv4-mapped, IPv4-compatible,
/// IPv4-translated, NAT64, 6to4, Teredo) is judged by the IPv4 address it carries, since that is where a
/// translator or relay delivers it.
/// A webhook URL is typed by a tenant's admin, and the server would otherwise call into its own network for them.
/// </summary>
public static class PrivateAddresses
{
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return true;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return IsPrivateV6(address);
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

    private static bool IsPrivateV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC) // fc00::/7
        {
            return true;
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4] == 0x00 && b[5] == 0x01)
        {
            return true; // 64:ff9b:1::/48, NAT64 for local use (RFC 8215): where the IPv4 sits is the operator's choice
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
        {
            return true; // 2001:db8::/32, documentation
        }
        return CarriedIPv4(b).Any(IsPrivate);
    }

    /// <summary>The IPv4 addresses an IPv6 address carries by one of the standard embeddings; none for a plain IPv6 address.</summary>
    private static IEnumerable<IPAddress> CarriedIPv4(byte[] b)
    {
        if (Zero(b, 0, 10) && ((b[10] == 0xFF && b[11] == 0xFF) || (b[10] == 0 && b[11] == 0)))
        {
            yield return V4(b, 12); // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated but still routed by some stacks)
        }
        else if (Zero(b, 0, 8) && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0)
        {
            yield return V4(b, 12); // ::ffff:0:a.b.c.d, IPv4-translated (RFC 2765)
        }
        else if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && Zero(b, 4, 8))
        {
            yield return V4(b, 12); // 64:ff9b::/96, the NAT64 well-known prefix (RFC 6052)
        }
        else if (b[0] == 0x20 && b[1] == 0x02)
        {
            yield return V4(b, 2); // 2002::/16, 6to4 (RFC 3056): the relay delivers to the IPv4 in bits 16-47
        }
        else if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
        {
            // 2001::/32, Teredo (RFC 4380): the server's IPv4, then the client's, stored inverted.
            yield return V4(b, 4);
            yield return new IPAddress([(byte)(b[12] ^ 0xFF), (byte)(b[13] ^ 0xFF), (byte)(b[14] ^ 0xFF), (byte)(b[15] ^ 0xFF)]);
        }
    }

    private static bool Zero(byte[] bytes, int from, int count) => bytes.AsSpan(from, count).IndexOfAnyExcept((byte)0) < 0;

    private static IPAddress V4(byte[] bytes, int from) => new(bytes.AsSpan(from, 4));

    /// <summary>A host that names this machine or a private address outright (no lookup).</summary>
    public static bool IsPrivateHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.TrimEnd('.'); // "localhost." is the same name
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name.Trim('[', ']'), out var ip) && IsPrivate(ip));
    }
}
