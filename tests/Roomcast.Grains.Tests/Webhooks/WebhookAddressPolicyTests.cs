using System.Net;
using System.Net.Sockets;
using Roomcast.Grains.Webhooks;

namespace Roomcast.Grains.Tests.Webhooks;

/// <summary>The SSRF guard of outbound webhooks: which addresses are refused, checked on the address actually connected to.</summary>
public sealed class WebhookAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("169.254.169.254")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::127.0.0.1")]
    public void Private_loopback_link_local_and_multicast_addresses_are_refused(string address) =>
        Assert.False(WebhookAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("100.128.0.1")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(WebhookAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://127.0.0.1:{0}/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("http://[::1]:{0}/hook")]
    [InlineData("http://localhost:{0}/hook")]
    public async Task Sending_to_a_private_address_is_refused_before_connecting(string urlFormat)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new HttpClient(WebhookHttpHandler.Create(allowPrivateAddresses: false));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, urlFormat, port), new StringContent("{}")));

        Assert.IsType<WebhookAddressRefusedException>(failure.InnerException);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task A_host_name_is_checked_on_what_it_resolves_to()
    {
        using var client = new HttpClient(WebhookHttpHandler.Create(
            allowPrivateAddresses: false, resolve: (_, _) => Task.FromResult(new[] { IPAddress.Parse("10.9.8.7"), IPAddress.Loopback })));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://receiver.example.com/hook"));

        Assert.Equal("receiver.example.com", Assert.IsType<WebhookAddressRefusedException>(failure.InnerException).Host);
    }

    [Fact]
    public async Task Private_addresses_are_reached_when_allowed_and_redirects_are_not_followed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var connection = await listener.AcceptTcpClientAsync();
            var stream = connection.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer);
            var answer = "HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();
            await stream.WriteAsync(answer);
        });
        using var client = new HttpClient(WebhookHttpHandler.Create(allowPrivateAddresses: true));

        using var response = await client.GetAsync($"http://127.0.0.1:{port}/hook");
        await server;

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }
}
