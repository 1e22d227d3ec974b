using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Errors;
using Roomcast.Identity;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/auth").WithTags("Auth").AddEndpointFilter<RequestValidationFilter>();

        group.MapPost("/login", LoginAsync)
            .AllowAnonymous()
            .WithName("Login").WithSummary("Login with email and password")
            .ProducesErrors(400, 401);
        group.MapGet("/me", GetMeAsync)
            .RequireAuthorization()
            .WithName("GetCurrentUser").WithSummary("Get current authenticated user")
            .ProducesErrors(401, 404);

        return group;
    }

    public static async Task<Ok<ApiResponse<AuthResponse>>> LoginAsync(
        LoginRequest request, UserAccounts accounts, AccessTokenIssuer tokens, Envelope envelope)
    {
        var user = await accounts.VerifyAsync(request.Email!, request.Password!)
            ?? throw new RoomcastException(ErrorKind.Unauthorized, "invalid_credentials", "The email or password is wrong.");
        var token = tokens.Issue(user);
        return envelope.Ok(new AuthResponse(token.Token, "Bearer", token.ExpiresIn, UserResponse.From(user)));
    }

    public static async Task<Ok<ApiResponse<UserResponse>>> GetMeAsync(
        ClaimsPrincipal principal, IGrainFactory grains, Envelope envelope)
    {
        var caller = Caller.From(principal);
        var user = await grains.GetGrain<IUserGrain>(caller.UserId).FindAsync() ?? throw RoomcastException.NotFound("User");
        return envelope.Ok(UserResponse.From(user));
    }
}
