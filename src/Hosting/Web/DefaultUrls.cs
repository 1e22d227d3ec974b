using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Roomcast.Hosting.Web;

/// <summary>
/// The HTTP address a process listens on when nobody said: loopback only, for a developer's machine. Set in code and
/// only when no URL or port is configured, because a value in appsettings.json would outrank
/// <c>ASPNETCORE_URLS</c>/<c>ASPNETCORE_HTTP_PORTS</c> (those load before the JSON files).
/// </summary>
public static class DefaultUrls
{
    public static WebApplicationBuilder UseDefaultUrlsUnlessConfigured(this WebApplicationBuilder builder, string urls)
    {
        string[] keys = [WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey, "Kestrel:Endpoints"];
        var configured = keys.Any(key => builder.Configuration.GetSection(key) is var section
            && (!string.IsNullOrWhiteSpace(section.Value) || section.GetChildren().Any()));
        if (!configured)
        {
            builder.WebHost.UseUrls(urls);
        }

        return builder;
    }
}
