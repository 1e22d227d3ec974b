using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Roomcast.Errors;
using Roomcast.Identity;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>The host's way into the viewer app's studio: a URL carrying a one-time code that signs them in there.</summary>
public static class StudioApi
{
    public static IEndpointRouteBuilder MapStudioApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            scope.Describe(scope.Group(app, "/sessions", "Sessions").MapPost("/{sessionId}/studio_url", GenerateStudioUrlAsync),
                    "GenerateStudioUrl", "Generate studio URL: the viewer app's live page with a one-time auth code (host only; 60 s, one use)")
                .RequireAuthorization(Policies.User)
                .ProducesErrors(400, 401, 403, 404, 409);
        }

        return app;
    }

    public static async Task<Ok<ApiResponse<StudioUrlResponse>>> GenerateStudioUrlAsync(
        Guid sessionId, AuthCodes codes, IOptions<ViewerAppOptions> viewerApp, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.Manage);
        if (session.State is not (SessionState.Scheduled or SessionState.Live))
        {
            var state = ApiEnum.Name(session.State);
            throw new RoomcastException(ErrorKind.Conflict, "illegal_transition",
                $"Cannot open the studio of a session that is {state}.", [new FieldError("state", state)]);
        }

        var code = await codes.IssueAsync(new AuthCodeGrant(api.Scope.Caller.UserId, AuthCodePurpose.Studio, sessionId));
        var url = $"{viewerApp.Value.BaseUrl.TrimEnd('/')}/sessions/{sessionId}/live?code={code}";
        return api.Envelope.Ok(new StudioUrlResponse(url, AuthCodes.ExpiresIn));
    }
}
