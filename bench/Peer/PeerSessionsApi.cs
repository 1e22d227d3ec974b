using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Roomcast.Bench.Peer;

/// <summary>The two session routes of the peer, shaped like Roomcast's (paths, envelope, session JSON, status codes).</summary>
public static class PeerSessionsApi
{
    public static IEndpointRouteBuilder MapPeerSessionsApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/v1/sessions").RequireAuthorization();
        sessions.MapGet("/{sessionId:guid}", GetSessionAsync);
        sessions.MapPatch("/{sessionId:guid}", RenameSessionAsync);
        return app;
    }

    public static async Task<Results<Ok<PeerEnvelope<PeerSession>>, NotFound<PeerErrorEnvelope>, ForbidHttpResult>> GetSessionAsync(
        Guid sessionId, ClaimsPrincipal user, HttpResponse response, PeerSessionStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var session = await store.FindAsync(sessionId, cancellationToken);
        if (session is null)
        {
            return NotFound(sessionId, clock);
        }

        if (!SessionAccess.MayView(user, session))
        {
            return TypedResults.Forbid();
        }

        response.Headers.ETag = $"\"{session.ChangeSequence}\"";
        return TypedResults.Ok(new PeerEnvelope<PeerSession>(true, session, clock.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    public static async Task<Results<Ok<PeerEnvelope<PeerSession>>, BadRequest<PeerErrorEnvelope>, NotFound<PeerErrorEnvelope>, ForbidHttpResult, Conflict<PeerErrorEnvelope>>>
        RenameSessionAsync(Guid sessionId, RenameSessionRequest request, ClaimsPrincipal user, HttpResponse response, PeerSessionStore store,
            TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Problem() is { } problem)
        {
            return TypedResults.BadRequest(PeerErrorEnvelope.Of("validation_failed", problem, clock));
        }

        var outcome = await store.RenameAsync(sessionId, request.Name!.Trim(), request.ChangeSequence, user, cancellationToken);
        switch (outcome.Status)
        {
            case RenameStatus.Renamed:
                response.Headers.ETag = $"\"{outcome.Session!.ChangeSequence}\"";
                return TypedResults.Ok(new PeerEnvelope<PeerSession>(true, outcome.Session, clock.GetUtcNow().ToUnixTimeMilliseconds()));
            case RenameStatus.NotFound:
                return NotFound(sessionId, clock);
            case RenameStatus.Forbidden:
                return TypedResults.Forbid();
            default:
                return TypedResults.Conflict(PeerErrorEnvelope.Of("conflict", "The session changed since the version given.", clock));
        }
    }

    private static NotFound<PeerErrorEnvelope> NotFound(Guid sessionId, TimeProvider clock) =>
        TypedResults.NotFound(PeerErrorEnvelope.Of("not_found", $"Session {sessionId} not found.", clock));
}
