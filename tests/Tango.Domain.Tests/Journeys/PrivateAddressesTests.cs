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
    [InlineData("localhost", true)]
    [InlineData("LocalHost.", true)]
    [InlineData("api.localhost", true)]
    [InlineData("[::1]", true)]
    [InlineData("192.168.0.10", true)]
    [InlineData("hooks.example.com", false)]
    public void A_host_is_judged_without_a_lookup_when_it_says_enough(string host, bool isPrivate) =>
        Assert.Equal(isPrivate, PrivateAddresses.IsPrivateHost(host));
}
