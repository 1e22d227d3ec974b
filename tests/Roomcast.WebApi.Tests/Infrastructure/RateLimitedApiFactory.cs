using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>
/// The API with a tiny auth rate limit (<see cref="PermitLimit"/> per hour, per client address; as many auth codes
/// per user). The test server has no client address, so requests name theirs in the <see cref="ClientAddressHeader"/> header.
/// </summary>
public sealed class RateLimitedApiFactory : RoomcastApiFactory
{
    public const int PermitLimit = 3;
    public const string ClientAddressHeader = "X-Test-Client-Address";

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("RateLimiting:Auth:PermitLimit", PermitLimit.ToString()),
        new("RateLimiting:Auth:Window", "01:00:00"),
        new("RateLimiting:AuthCode:PermitLimit", PermitLimit.ToString()),
        new("RateLimiting:AuthCode:Window", "01:00:00"),
    ];

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();

    /// <summary>A client that appears to come from <paramref name="address"/>.</summary>
    public HttpClient AnonymousFrom(string address)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
