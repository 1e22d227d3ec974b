using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Errors;
using Roomcast.Identity;
using Roomcast.Libraries;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/auth").WithTags("Auth").AddEndpointFilterFactory(RequestValidationFilter.AddWhereNeeded);

        group.MapPost("/login", LoginAsync)
            .AllowAnonymous().RequireRateLimiting(AuthRateLimiting.Policy)
            .WithName("Login").WithSummary("Login with email and password")
            .ProducesErrors(400, 401, 429);
        group.MapPost("/refresh", RefreshAsync)
            .AllowAnonymous().RequireRateLimiting(AuthRateLimiting.Policy)
            .WithName("RefreshToken").WithSummary("Refresh access token (the refresh token rotates; a reused one revokes its sign-in)")
            .ProducesErrors(400, 401, 429);
        group.MapPost("/logout", LogoutAsync)
            .AllowAnonymous().RequireRateLimiting(AuthRateLimiting.Policy)
            .WithName("Logout").WithSummary("Logout and invalidate refresh token (the same answer whether or not it was valid)")
            .ProducesErrors(400, 429);
        group.MapPost("/viewer/register", RegisterViewerAsync)
            .AllowAnonymous().RequireRateLimiting(AuthRateLimiting.Policy)
            .WithName("RegisterViewer").WithSummary("Register a new viewer with device token")
            .ProducesErrors(400, 429);
        group.MapPost("/device/login", DeviceLoginAsync)
            .AllowAnonymous().RequireRateLimiting(AuthRateLimiting.Policy)
            .WithName("DeviceLogin").WithSummary("Login with device token")
            .ProducesErrors(400, 401, 429);
        foreach (var scope in ApiScope.All)
        {
            scope.Describe(scope.Group(app, "/auth", "Auth").MapPost("/code", GenerateCodeAsync),
                    "GenerateAuthCode", "Generate a short-lived auth code (60 s, one use)")
                .RequireAuthorization(Policies.User).RequireRateLimiting(AuthRateLimiting.CodePolicy)
                .ProducesErrors(401, 403, 404, 429);
        }

        group.MapPost("/code/exchange", ExchangeCodeAsync)
            .AllowAnonymous().RequireRateLimiting(AuthRateLimiting.Policy)
            .WithName("ExchangeAuthCode").WithSummary("Exchange auth code for tokens")
            .ProducesErrors(400, 401, 429);
        group.MapGet("/me", GetMeAsync)
            .RequireAuthorization(Policies.User)
            .WithName("GetCurrentUser").WithSummary("Get current authenticated user (access tokens; API keys have no user)")
            .ProducesErrors(401, 403, 404);

        return app;
    }

    public static async Task<Ok<ApiResponse<AuthResponse>>> LoginAsync(
        LoginRequest request, UserAccounts accounts, AuthTokens tokens, Envelope envelope)
    {
        var user = await accounts.VerifyAsync(request.Email!, request.Password!)
            ?? throw new RoomcastException(ErrorKind.Unauthorized, "invalid_credentials", "The email or password is wrong.");
        return envelope.Ok(await tokens.IssueAsync(user));
    }

    public static async Task<Ok<ApiResponse<AuthResponse>>> RefreshAsync(RefreshRequest request, AuthTokens tokens, Envelope envelope) =>
        envelope.Ok(await tokens.RefreshAsync(request.RefreshToken!));

    public static async Task<Ok<ApiResponse<LogoutResponse>>> LogoutAsync(LogoutRequest request, AuthTokens tokens, Envelope envelope)
    {
        await tokens.RevokeAsync(request.RefreshToken!);
        return envelope.Ok(new LogoutResponse(LoggedOut: true));
    }

    public static async Task<Created<ApiResponse<ViewerRegisterResponse>>> RegisterViewerAsync(
        ViewerRegisterRequest request, DeviceAccounts devices, AuthTokens tokens, Envelope envelope)
    {
        var (user, deviceToken) = await devices.RegisterViewerAsync(request.DisplayName!.Trim(), request.LibraryId ?? DefaultLibrary.Id);
        var auth = await tokens.IssueAsync(user);
        return envelope.Created("/v1/auth/me", ViewerRegisterResponse.From(auth, deviceToken));
    }

    public static async Task<Ok<ApiResponse<AuthResponse>>> DeviceLoginAsync(
        DeviceLoginRequest request, DeviceAccounts devices, AuthTokens tokens, Envelope envelope)
    {
        var userId = await devices.FindUserAsync(request.DeviceToken!);
        return envelope.Ok(await tokens.IssueAsync(userId, DeviceAccounts.InvalidDeviceToken));
    }

    public static async Task<Ok<ApiResponse<GenerateAuthCodeResponse>>> GenerateCodeAsync(
        RequestScope scope, AuthCodes codes, Envelope envelope)
    {
        var code = await codes.IssueAsync(new AuthCodeGrant(scope.Caller.UserId, AuthCodePurpose.SignIn, SessionId: null));
        return envelope.Ok(new GenerateAuthCodeResponse(code, AuthCodes.ExpiresIn));
    }

    public static async Task<Ok<ApiResponse<AuthResponse>>> ExchangeCodeAsync(
        ExchangeAuthCodeRequest request, AuthCodes codes, AuthTokens tokens, Envelope envelope)
    {
        var grant = await codes.ExchangeAsync(request.Code!);
        return envelope.Ok(await tokens.IssueAsync(grant.UserId, AuthCodes.InvalidCode));
    }

    public static async Task<Ok<ApiResponse<UserResponse>>> GetMeAsync(
        ClaimsPrincipal principal, IGrainFactory grains, Envelope envelope)
    {
        var caller = Caller.From(principal);
        var user = await grains.GetGrain<IUserGrain>(caller.UserId).FindAsync() ?? throw RoomcastException.NotFound("User");
        return envelope.Ok(UserResponse.From(user));
    }
}
