using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Audience;
using Roomcast.Chat;
using Roomcast.Grains.Chat;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>A live session's chat (seed 003 "Chat"): its history for whoever may see the session, sending for those present, deleting.</summary>
public static class ChatApi
{
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            var chat = scope.Group(app, "/sessions/{sessionId}/chat", "Chat");
            scope.Describe(chat.MapGet("/", ListAsync), "GetChatMessages",
                    "Get the chat history, newest first; pages stay put while messages arrive (anyone who may see the session)")
                .ProducesErrors(400, 401, 404);
            scope.Describe(chat.MapPost("/", SendAsync), "SendChatMessage",
                    "Send a chat message to a live session (present viewers; host, co-hosts and moderators without joining); rate-limited per sender")
                .RequireAuthorization(Policies.User)
                .ProducesErrors(400, 401, 403, 404, 409, 429);
            scope.Describe(chat.MapDelete("/{messageId}", DeleteAsync), "DeleteChatMessage",
                    "Delete a chat message (its author, or the session's moderators, co-hosts, host and admins)")
                .RequireAuthorization(Policies.User)
                .ProducesErrors(400, 401, 403, 404);
        }

        return app;
    }

    public static async Task<Ok<ApiResponse<ListResponse<ChatMessageResponse>>>> ListAsync(
        Guid sessionId, [AsParameters] PageParameters paging, IChatLog log, [AsParameters] ApiServices api)
    {
        var page = paging.ToPageRequest();
        // Decoded before anything is read, so that a bad cursor is a 400 whoever asks.
        var keyset = new ChatKeyset(page);
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var messages = page.StartAfter is null && page.EndBefore is null
            ? keyset.ToPage(await api.Grains.Get<ISessionChatGrain>(sessionId).GetLatestAsync(keyset.FetchCount))
            : await log.ListAsync(sessionId, page);
        return api.Envelope.Ok(ListResponse<ChatMessageResponse>.From(messages, page.Limit, ChatMessageResponse.From));
    }

    public static async Task<Created<ApiResponse<ChatMessageResponse>>> SendAsync(
        Guid sessionId, SendChatMessageRequest request, ClaimsPrincipal user, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var caller = api.Scope.Caller;
        var role = AttendeeRoles.Of(caller, session);
        var send = new ChatSend(caller.UserId, AudienceApi.DisplayNameOf(user, caller), request.TrimmedText,
            MayChatWithoutJoining: role is AttendeeRole.Host or AttendeeRole.CoHost or AttendeeRole.Moderator,
            session.State, session.Settings.ChatEnabled);
        var message = await api.Grains.Get<ISessionChatGrain>(sessionId).SendAsync(send);
        return api.Envelope.Created(api.Scope.PathOf($"/sessions/{sessionId}/chat/{message.Id}"), ChatMessageResponse.From(message));
    }

    public static async Task<Ok<ApiResponse<DeletedResponse>>> DeleteAsync(Guid sessionId, Guid messageId, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var caller = api.Scope.Caller;
        var mayDeleteAny = AttendeeRoles.Of(caller, session) is not AttendeeRole.Viewer;
        await api.Grains.Get<ISessionChatGrain>(sessionId).DeleteAsync(new ChatDeletion(messageId, caller.UserId, mayDeleteAny));
        return api.Envelope.Ok(new DeletedResponse(messageId, Deleted: true));
    }
}
