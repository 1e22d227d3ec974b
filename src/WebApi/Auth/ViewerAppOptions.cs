namespace Roomcast.WebApi.Auth;

/// <summary>The viewer web app that studio URLs point at (configuration section <c>ViewerApp</c>).</summary>
public sealed class ViewerAppOptions
{
    public const string SectionName = "ViewerApp";

    /// <summary>Absolute http(s) URL of the app, e.g. <c>https://viewer.example.com</c>; studio URLs are <c>{BaseUrl}/sessions/{id}/live?code=...</c>.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5173";

    public static bool IsValidBaseUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}
