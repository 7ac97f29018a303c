using System.Net;
using Tango.Domain.Journeys;

namespace Tango.Domain.Tests.Journeys;

public sealed class PrivateAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("192.0.2.2")]
    [InlineData("198.18.0.1")]
    [InlineData("::1")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void Addresses_inside_a_network_are_private(string address) =>
        Assert.True(PrivateAddresses.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    public void Addresses_on_the_internet_are_not(string address) =>
        Assert.False(PrivateAddresses.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::127.0.0.1")]          // IPv4-compatible
    [InlineData("::ffff:127.0.0.1")]     // IPv4-mapped
    [InlineData("::ffff:0:a9fe:a9fe")]   // IPv4-translated 169.254.169.254
    [InlineData("64:ff9b::7f00:1")]      // NAT64 well-known prefix, 127.0.0.1
    [InlineData("64:ff9b::a00:1")]       // NAT64, 10.0.0.1
    [InlineData("64:ff9b:1::1")]         // NAT64 for local use
    [InlineData("2002:7f00:1::")]        // 6to4, 127.0.0.1
    [InlineData("2002:c0a8:101::1")]     // 6to4, 192.168.1.1
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")] // Teredo, client 127.0.0.1
    [InlineData("2001:0:a00:1::1")]      // Teredo, server 10.0.0.1
    [InlineData("2001:db8::1")]          // documentation
    public void IPv6_forms_that_carry_a_private_IPv4_address_are_private_like_the_address_they_carry(string address) =>
        Assert.True(PrivateAddresses.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("2001:0:808:808:8000:63bf:f7f7:f7f7")] // Teredo between public addresses (client 8.8.8.8)
    [InlineData("2001:4860:4860::8888")]
    public void IPv6_forms_that_carry_a_public_IPv4_address_are_not(string address) =>
        Assert.False(PrivateAddresses.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("[::127.0.0.1]", true)]
    [InlineData("[64:ff9b::7f00:1]", true)]
    [InlineData("[2002:7f00:1::]", true)]
    [InlineData("localhost", true)]
    [InlineData("LocalHost.", true)]
    [InlineData("api.localhost", true)]
    [InlineData("[::1]", true)]
    [InlineData("192.168.0.10", true)]
    [InlineData("hooks.example.com", false)]
    public void A_host_is_judged_without_a_lookup_when_it_says_enough(string host, bool isPrivate) =>
        Assert.Equal(isPrivate, PrivateAddresses.IsPrivateHost(host));
}
