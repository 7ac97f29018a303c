using System.Net;
using System.Net.Sockets;

namespace Tango.Hosting;

/// <summary>The client address that limits count against (after any trusted proxy's X-Forwarded-For, see <see cref="TrustedProxies"/>).</summary>
public static class ClientAddress
{
    /// <summary>
    /// An IPv4 address as it is; an IPv6 address as its /64 network, because one machine is usually handed a whole
    /// /64 and could otherwise take a fresh address, and a fresh budget, for every request.
    /// </summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
