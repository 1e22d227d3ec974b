using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// Issue 5's permission matrix: every route of the API, and what each kind of caller gets from it. The room and the
/// session are PRIVATE (visibility grants nothing), in library L; the co-host and the moderator hold their roles in the
/// session. A route missing from <see cref="Routes"/> fails <see cref="EveryRouteOfTheAppHasARowAndEveryRowARoute"/>.
/// </summary>
[Collection(PermissionMatrixCollection.Name)]
public sealed class PermissionMatrixTests(PermissionMatrixApiFactory api)
{
    private static readonly string[] NotApiPrefixes = ["/openapi", "/reference", "/health", "/dashboard"];

    private static DateTimeOffset Later => DateTimeOffset.UtcNow.AddHours(2);

    private static string Fresh(string what) => $"Matrix {what} {Guid.NewGuid().ToString("N")[..8]}";

    // Bodies, valid for every caller, so a refusal can only come from authorization.
    private static object Login(MatrixWorld w, MatrixTarget t) => new { w.Spare.Email, w.Spare.Password };
    private static object RefreshToken(MatrixWorld w, MatrixTarget t) => new { RefreshToken = t.Secret };
    private static object Code(MatrixWorld w, MatrixTarget t) => new { Code = t.Secret };
    private static object NewRoom(MatrixWorld w, MatrixTarget t) => new { Title = Fresh("room"), Visibility = "private" };
    private static object RoomPatch(MatrixWorld w, MatrixTarget t) => new { Title = Fresh("renamed room") };
    private static object NewSession(MatrixWorld w, MatrixTarget t) => new { Name = Fresh("session"), Visibility = "private", ScheduledAt = Later };
    private static object Rename(MatrixWorld w, MatrixTarget t) => new { Name = Fresh("renamed session") };
    private static object Schedule(MatrixWorld w, MatrixTarget t) => new { ScheduledAt = Later };
    private static object Settings(MatrixWorld w, MatrixTarget t) => new { ChatEnabled = false };
    private static object Media(MatrixWorld w, MatrixTarget t) => new { Enabled = true, Device = "matrix-cam" };
    private static object Participant(MatrixWorld w, MatrixTarget t) => new { UserId = t.UserId };
    private static object Ban(MatrixWorld w, MatrixTarget t) => new { UserId = t.UserId, Reason = "matrix" };
    private static object NewPreset(MatrixWorld w, MatrixTarget t) => new { Name = Fresh("preset") };
    private static object NewPoll(MatrixWorld w, MatrixTarget t) => new { Question = Fresh("poll"), Options = new[] { "Yes", "No" } };
    private static object Vote(MatrixWorld w, MatrixTarget t) => new { OptionIds = new[] { "o1" } };
    private static object Chat(MatrixWorld w, MatrixTarget t) => new { Text = "matrix" };
    private static object StageMessage(MatrixWorld w, MatrixTarget t) => new { Message = "matrix" };
    private static object StageSpare(MatrixWorld w, MatrixTarget t) => new { UserId = t.UserId };
    private static object StagePermissions(MatrixWorld w, MatrixTarget t) => new { CanShareScreen = true };
    private static object LiveKitEvent(MatrixWorld w, MatrixTarget t) => new { Event = "room_started", Id = "EV_matrix" };
    private static object RecordingPatch(MatrixWorld w, MatrixTarget t) => new { Title = Fresh("recording") };
    private static object NewWebhook(MatrixWorld w, MatrixTarget t) => new { Url = "https://receiver.example.com/matrix", Events = new[] { "session.started" } };
    private static object WebhookPatch(MatrixWorld w, MatrixTarget t) => new { Events = new[] { "session.ended" } };
    private static object CentrifugoConnect(MatrixWorld w, MatrixTarget t) => new { Client = "matrix", Transport = "websocket", Protocol = "json", Encoding = "json" };
    private static object CentrifugoSubscribe(MatrixWorld w, MatrixTarget t) =>
        new { Client = "matrix", Transport = "websocket", Protocol = "json", Encoding = "json", User = t.UserId.ToString(), Channel = "session:" + t.SessionId };

    /// <summary>
    /// Every route of the API. Expectation columns, one letter each (A = the route's success status, F = 403,
    /// N = 404, U = 401), in <see cref="Actor"/> order:
    ///   O Owner, C CoHost, M Moderator, H OtherHost, L OtherLibraryHost, V Viewer, A Admin, - Anonymous,
    ///   then k HostKey and v ViewerKey (API keys of L, which act as a host or viewer with no part in anything and
    ///   no user: the user-only routes refuse them with 403 before looking at any resource).
    /// CoHost is a host-role user, Moderator a viewer-role one: role-gated routes (POST rooms, stats) tell them apart.
    /// </summary>
    public static readonly IReadOnlyList<MatrixRow> Routes =
    [
        // Credential routes: anonymous, and a token sent along changes nothing.
        //                                                         O C M H L V A -  k v
        new("POST",   "/v1/auth/login",                             "A A A A A A A A  A A", Needs.None, Login),
        new("POST",   "/v1/auth/refresh",                           "A A A A A A A A  A A", Needs.RefreshToken, RefreshToken),
        new("POST",   "/v1/auth/logout",                            "A A A A A A A A  A A", Needs.RefreshToken, RefreshToken),
        new("POST",   "/v1/auth/viewer/register",                   "A A A A A A A A  A A", Needs.None,
            (_, _) => new { DisplayName = Fresh("viewer") }, HttpStatusCode.Created),
        new("POST",   "/v1/auth/device/login",                      "A A A A A A A A  A A", Needs.None, (w, _) => new { w.DeviceToken }),
        new("POST",   "/v1/auth/code/exchange",                     "A A A A A A A A  A A", Needs.AuthCode, Code),

        // LiveKit's webhook: anonymous at the HTTP level, authenticated by LiveKit's signature over the body, which no
        // actor here has (a valid one is LiveKitWebhookTests' business): a bearer token or API key counts for nothing,
        // so every column is the route's own 401, invalid_signature.
        new("POST",   "/v1/webhooks/livekit",                       "U U U U U U U U  U U", Needs.None, LiveKitEvent) { UnauthorizedCode = "invalid_signature" },

        // Centrifugo's proxies: anonymous at the HTTP level, authenticated by the X-Centrifugo-Proxy-Secret header, which
        // no actor here sends (the proxies' answers are CentrifugoProxyTests' business): Roomcast credentials count for
        // nothing, so every column is the routes' own 401, invalid_proxy_secret.
        new("POST",   "/v1/centrifugo/connect",                     "U U U U U U U U  U U", Needs.None, CentrifugoConnect) { UnauthorizedCode = "invalid_proxy_secret" },
        new("POST",   "/v1/centrifugo/subscribe",                   "U U U U U U U U  U U", Needs.None, CentrifugoSubscribe) { UnauthorizedCode = "invalid_proxy_secret" },

        // Any signed-in user.
        new("GET",  "/v1/auth/me",                                "A A A A A A A U  F F", Needs.None),
        new("POST",   "/v1/auth/code",                              "A A A A A A A U  F F", Needs.None),

        // Admin only.
        new("POST",   "/v1/admin/users",                          "F F F F F F A U  F F", Needs.None,
            (w, _) => new { Email = $"matrix-{Guid.NewGuid():N}@tests.roomcast.local", Password = "password-matrix", DisplayName = "Matrix", Role = "viewer", LibraryId = w.Library.Id },
            HttpStatusCode.Created),
        new("POST",   "/v1/admin/sessions/batch",                 "F F F F F F A U  F F", Needs.Shared, (_, t) => new { Ids = new[] { t.SessionId } }),
        new("GET",    "/v1/admin/libraries",                      "F F F F F F A U  F F", Needs.None),
        new("POST",   "/v1/admin/libraries",                      "F F F F F F A U  F F", Needs.None, (_, _) => new { Name = Fresh("library") }, HttpStatusCode.Created),
        new("GET",    "/v1/admin/libraries/{libraryId}",          "F F F F F F A U  F F", Needs.None),
        new("GET",    "/v1/admin/libraries/{libraryId}/api_keys", "F F F F F F A U  F F", Needs.None),
        new("POST",   "/v1/admin/libraries/{libraryId}/api_keys", "F F F F F F A U  F F", Needs.None,
            (_, _) => new { Name = Fresh("key"), Role = "host" }, HttpStatusCode.Created),
        new("GET",    "/v1/admin/libraries/{libraryId}/api_keys/{keyId}", "F F F F F F A U  F F", Needs.Shared),
        new("DELETE", "/v1/admin/libraries/{libraryId}/api_keys/{keyId}", "F F F F F F A U  F F", Needs.ApiKey),

        // Rooms, in the caller's own library. View: public, owner, admin; Manage: owner, admin.
        //                                                         O C M H L V A -  k v
        new("GET",    "/v1/rooms",                                "A A A A A A A U  A A", Needs.None),
        new("POST",   "/v1/rooms",                                "A A F A A F A U  A F", Needs.None, NewRoom, HttpStatusCode.Created),
        new("GET",    "/v1/rooms/mine",                           "A A A A A A A U  A A", Needs.None),
        new("GET",    "/v1/rooms/{roomId}",                       "A N N N N N A U  N N", Needs.Shared),
        new("PATCH",  "/v1/rooms/{roomId}",                       "A N N N N N A U  N N", Needs.Room, RoomPatch),
        new("DELETE", "/v1/rooms/{roomId}",                       "A N N N N N A U  N N", Needs.Room),
        new("GET",    "/v1/rooms/{roomId}/sessions",              "A N N N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/rooms/{roomId}/sessions",              "A N N N N N A U  N N", Needs.Room, NewSession, HttpStatusCode.Created),
        // Room reminders: a person who may see the room (API keys have no person: 403).
        new("POST",   "/v1/rooms/{roomId}/reminders",             "A N N N N N A U  F F", Needs.Shared),
        new("GET",    "/v1/rooms/{roomId}/reminders",             "A N N N N N A U  F F", Needs.Shared),
        new("DELETE", "/v1/rooms/{roomId}/reminders",             "A N N N N N A U  F F", Needs.Shared),

        // Sessions. View: host, co-host, moderator, admin; Run: co-host and up; Manage: host, admin.
        new("GET",    "/v1/sessions",                             "A A A A A A A U  A A", Needs.None),
        new("GET",    "/v1/sessions/live",                        "A A A A A A A U  A A", Needs.None),
        new("GET",    "/v1/sessions/stats",                       "A A F A A F A U  A F", Needs.None),
        new("GET",    "/v1/sessions/{sessionId}",                 "A A A N N N A U  N N", Needs.Shared),
        new("PATCH",  "/v1/sessions/{sessionId}",                 "A F F N N N A U  N N", Needs.Scheduled, Rename),
        new("DELETE", "/v1/sessions/{sessionId}",                 "A F F N N N A U  N N", Needs.Scheduled),
        new("POST",   "/v1/sessions/{sessionId}/start",           "A A F N N N A U  N N", Needs.Scheduled),
        new("POST",   "/v1/sessions/{sessionId}/end",             "A A F N N N A U  N N", Needs.Live),
        new("POST",   "/v1/sessions/{sessionId}/cancel",          "A F F N N N A U  N N", Needs.Scheduled),
        new("POST",   "/v1/sessions/{sessionId}/heartbeat",       "A A F N N N A U  N N", Needs.Live),
        new("POST",   "/v1/sessions/{sessionId}/video_state",     "A A F N N N A U  N N", Needs.Scheduled, Media),
        new("POST",   "/v1/sessions/{sessionId}/audio_state",     "A A F N N N A U  N N", Needs.Scheduled, Media),
        new("PATCH",  "/v1/sessions/{sessionId}/schedule",        "A F F N N N A U  N N", Needs.Scheduled, Schedule),
        new("PATCH",  "/v1/sessions/{sessionId}/settings",        "A A F N N N A U  N N", Needs.Scheduled, Settings),
        new("POST",   "/v1/sessions/{sessionId}/studio_url",      "A F F N N N A U  F F", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/participants",    "A A A N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/co_hosts",        "A F F N N N A U  N N", Needs.Scheduled, Participant),
        new("DELETE", "/v1/sessions/{sessionId}/co_hosts/{userId}", "A F F N N N A U  N N", Needs.CoHostToRemove),
        new("POST",   "/v1/sessions/{sessionId}/moderators",      "A F F N N N A U  N N", Needs.Scheduled, Participant),
        new("DELETE", "/v1/sessions/{sessionId}/moderators/{userId}", "A F F N N N A U  N N", Needs.ModeratorToRemove),

        // Audience. Join/leave/ban status: anyone who sees the session, as a user (keys have no seat); monitor: host and
        // admins; viewers and attendance: co-host and up; bans: moderator and up.
        new("POST",   "/v1/sessions/{sessionId}/join",            "A A A N N N A U  F F", Needs.Live),
        new("POST",   "/v1/sessions/{sessionId}/monitor_token",   "A F F N N N A U  F F", Needs.Live),
        new("POST",   "/v1/sessions/{sessionId}/leave",           "A A A N N N A U  F F", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/viewers",         "A A F N N N A U  N N", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/attendance",      "A A F N N N A U  N N", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/attendance/stats", "A A F N N N A U  N N", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/attendance/export", "A A F N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/bans",            "A A A N N N A U  N N", Needs.Scheduled, Ban),
        new("GET",    "/v1/sessions/{sessionId}/bans",            "A A A N N N A U  N N", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/bans/me",         "A A A N N N A U  F F", Needs.Shared),
        new("DELETE", "/v1/sessions/{sessionId}/bans/{userId}",   "A A A N N N A U  N N", Needs.BannedSpare),
        new("GET",    "/v1/sessions/{sessionId}/events",          "A A A N N N A U  N N", Needs.Shared),
        // Polls. Reading: anyone who sees the session; asking and closing: moderator and up; voting: a person present
        // (LivePoll has every actor who sees the session join first, so the letters are about authorization alone).
        new("GET",    "/v1/sessions/{sessionId}/polls",           "A A A N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/polls",           "A A A N N N A U  N N", Needs.Live, NewPoll, HttpStatusCode.Created),
        new("POST",   "/v1/sessions/{sessionId}/polls/{pollId}/votes", "A A A N N N A U  F F", Needs.LivePoll, Vote),
        new("GET",    "/v1/sessions/{sessionId}/polls/{pollId}/results", "A A A N N N A U  N N", Needs.LivePoll),
        new("POST",   "/v1/sessions/{sessionId}/polls/{pollId}/close", "A A A N N N A U  N N", Needs.LivePoll),

        // Chat. Reading: anyone who sees the session (keys too). Sending: a person present in the live session; the host,
        // co-host and moderator chat without joining, everyone else is joined by LiveJoined first (a viewer who has not
        // joined gets 403 not_joined: ChatApiTests). Deleting: the author (here the owner), moderators and up, admins.
        //                                                         O C M H L V A -  k v
        new("GET",    "/v1/sessions/{sessionId}/chat",            "A A A N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/chat",            "A A A N N N A U  F F", Needs.LiveJoined, Chat, HttpStatusCode.Created),
        new("DELETE", "/v1/sessions/{sessionId}/chat/{messageId}", "A A A N N N A U  F F", Needs.ChatMessage),

        // Stage (issue 16). Viewer side: anyone who sees the session, as a user (keys have no seat); raising a hand and
        // asking need the caller present, so those rows join every actor first. Management: Run (host, co-hosts,
        // admins) changes who publishes; Moderate (moderators too) reads the pending hands and requests.
        new("POST",   "/v1/sessions/{sessionId}/stage/hand", "A A A N N N A U  F F", Needs.StageJoined),
        new("DELETE", "/v1/sessions/{sessionId}/stage/hand", "A A A N N N A U  F F", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/stage/hand", "A A A N N N A U  F F", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/stage/participants", "A A A N N N A U  F F", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/stage/leave", "A A A N N N A U  F F", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/stage/token", "A A A N N N A U  F F", Needs.StageEveryoneUp),
        new("POST",   "/v1/sessions/{sessionId}/stage/requests", "A A A N N N A U  F F", Needs.StageJoined, StageMessage, HttpStatusCode.Created),
        new("GET",    "/v1/sessions/{sessionId}/stage/requests/mine", "A A A N N N A U  F F", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/stage/participants", "A A F N N N A U  N N", Needs.StageSpareJoined, StageSpare),
        new("PATCH",  "/v1/sessions/{sessionId}/stage/participants/{userId}", "A A F N N N A U  N N", Needs.StageSpareUp, StagePermissions),
        new("DELETE", "/v1/sessions/{sessionId}/stage/participants/{userId}", "A A F N N N A U  N N", Needs.StageSpareUp),
        new("GET",    "/v1/sessions/{sessionId}/stage/requests", "A A A N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/stage/requests/{requestId}/approve", "A A F N N N A U  N N", Needs.StageSpareRequest),
        new("POST",   "/v1/sessions/{sessionId}/stage/requests/{requestId}/reject", "A A F N N N A U  N N", Needs.StageSpareRequest),
        new("GET",    "/v1/sessions/{sessionId}/stage/hands", "A A A N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/stage/hands/{userId}/approve", "A A F N N N A U  N N", Needs.StageSpareHand),
        new("POST",   "/v1/sessions/{sessionId}/stage/hands/{userId}/reject", "A A F N N N A U  N N", Needs.StageSpareHand),
        // Media: running the stream takes the host or a co-host, its health a moderator, its addresses a viewer.
        //                                                         O C M H L V A -  k v
        new("POST",   "/v1/sessions/{sessionId}/go_live",         "A A F N N N A U  N N", Needs.Scheduled),
        new("POST",   "/v1/sessions/{sessionId}/egress/hls",      "A A F N N N A U  N N", Needs.Live),
        new("POST",   "/v1/sessions/{sessionId}/webcam_hls",      "A A F N N N A U  N N", Needs.LiveWithHostCamera),
        new("GET",    "/v1/sessions/{sessionId}/stream_health",   "A A A N N N A U  N N", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/share_urls",      "A A A N N N A U  N N", Needs.Shared),
        // Recordings: the session's host and co-hosts (deleting takes the host); "mine" needs a person. The file is
        // anonymous: its signed URL is the credential, and a token sent along changes nothing.
        new("GET",    "/v1/recordings",                           "A A A A A A A U  F F", Needs.None),
        new("GET",    "/v1/recordings/{recordingId}",             "A A F N N N A U  N N", Needs.Recording),
        new("PATCH",  "/v1/recordings/{recordingId}",             "A A F N N N A U  N N", Needs.Recording, RecordingPatch),
        new("DELETE", "/v1/recordings/{recordingId}",             "A F F N N N A U  N N", Needs.ReadyRecording),
        new("GET",    "/v1/recordings/{recordingId}/download_url", "A A F N N N A U  N N", Needs.ReadyRecording),
        new("GET",    "/v1/recordings/{recordingId}/file",        "A A A A A A A A  A A", Needs.SignedRecordingFile),
        new("GET",    "/v1/sessions/{sessionId}/recordings",      "A A F N N N A U  N N", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/recordings/active", "A A F N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/recordings",      "A A F N N N A U  N N", Needs.Recordable, Success: HttpStatusCode.Created),
        new("POST",   "/v1/sessions/{sessionId}/recordings/stop", "A A F N N N A U  N N", Needs.Recording),
        new("GET",    "/v1/admin/storage",                        "F F F F F F A U  F F", Needs.None),
        new("POST",   "/v1/admin/storage/cleanup",                "F F F F F F A U  F F", Needs.None),
        new("POST",   "/v1/admin/recordings/{recordingId}/retry", "F F F F F F A U  F F", Needs.FailedRecording),
        // Presets: private to their owner (and admins), 404 to everyone else; creating one takes a host. Every route
        // needs a person, so API keys get 403 before any preset is looked at.
        //                                                         O C M H L V A -  k v
        new("POST",   "/v1/presets",                              "A A F A A F A U  F F", Needs.None, NewPreset, HttpStatusCode.Created),
        new("GET",    "/v1/presets",                              "A A A A A A A U  F F", Needs.None),
        new("GET",    "/v1/presets/{presetId}",                   "A N N N N N A U  F F", Needs.Preset),
        new("PATCH",  "/v1/presets/{presetId}",                   "A N N N N N A U  F F", Needs.Preset, NewPreset),
        new("DELETE", "/v1/presets/{presetId}",                   "A N N N N N A U  F F", Needs.Preset),
        new("POST",   "/v1/presets/{presetId}/default",           "A N N N N N A U  F F", Needs.Preset),

        // The same through library L's prefix: a caller outside L (the other library's host) is told L does not exist.
        //                                                                           O C M H L V A -  k v
        new("POST",   "/v1/libraries/{libraryId}/auth/code",                        "A A A A N A A U  F F", Needs.None),
        new("GET",    "/v1/libraries/{libraryId}/rooms",                            "A A A A N A A U  A A", Needs.None),
        new("POST",   "/v1/libraries/{libraryId}/rooms",                            "A A F A N F A U  A F", Needs.None, NewRoom, HttpStatusCode.Created),
        new("GET",    "/v1/libraries/{libraryId}/rooms/mine",                       "A A A A N A A U  A A", Needs.None),
        new("GET",    "/v1/libraries/{libraryId}/rooms/{roomId}",                   "A N N N N N A U  N N", Needs.Shared),
        new("PATCH",  "/v1/libraries/{libraryId}/rooms/{roomId}",                   "A N N N N N A U  N N", Needs.Room, RoomPatch),
        new("DELETE", "/v1/libraries/{libraryId}/rooms/{roomId}",                   "A N N N N N A U  N N", Needs.Room),
        new("GET",    "/v1/libraries/{libraryId}/rooms/{roomId}/sessions",          "A N N N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/libraries/{libraryId}/rooms/{roomId}/sessions",          "A N N N N N A U  N N", Needs.Room, NewSession, HttpStatusCode.Created),
        new("POST",   "/v1/libraries/{libraryId}/rooms/{roomId}/reminders",         "A N N N N N A U  F F", Needs.Shared),
        new("GET",    "/v1/libraries/{libraryId}/rooms/{roomId}/reminders",         "A N N N N N A U  F F", Needs.Shared),
        new("DELETE", "/v1/libraries/{libraryId}/rooms/{roomId}/reminders",         "A N N N N N A U  F F", Needs.Shared),
        // Outbound webhooks of library L: its hosts (and host API keys) and admins; viewers 403; another library 404.
        new("GET",    "/v1/libraries/{libraryId}/webhooks",                         "A A F A N F A U  A F", Needs.None),
        new("POST",   "/v1/libraries/{libraryId}/webhooks",                         "A A F A N F A U  A F", Needs.None, NewWebhook, HttpStatusCode.Created),
        new("GET",    "/v1/libraries/{libraryId}/webhooks/{webhookId}",             "A A F A N F A U  A F", Needs.Webhook),
        new("PATCH",  "/v1/libraries/{libraryId}/webhooks/{webhookId}",             "A A F A N F A U  A F", Needs.Webhook, WebhookPatch),
        new("DELETE", "/v1/libraries/{libraryId}/webhooks/{webhookId}",             "A A F A N F A U  A F", Needs.Webhook),
        new("GET",    "/v1/libraries/{libraryId}/webhooks/{webhookId}/deliveries",  "A A F A N F A U  A F", Needs.Webhook),
        new("POST",   "/v1/libraries/{libraryId}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", "A A F A N F A U  A F", Needs.WebhookDelivery),
        new("POST",   "/v1/libraries/{libraryId}/webhooks/{webhookId}/rotate_secret", "A A F A N F A U  A F", Needs.Webhook),
        new("GET",    "/v1/libraries/{libraryId}/sessions",                         "A A A A N A A U  A A", Needs.None),
        new("GET",    "/v1/libraries/{libraryId}/sessions/live",                    "A A A A N A A U  A A", Needs.None),
        new("GET",    "/v1/libraries/{libraryId}/sessions/stats",                   "A A F A N F A U  A F", Needs.None),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}",             "A A A N N N A U  N N", Needs.Shared),
        new("PATCH",  "/v1/libraries/{libraryId}/sessions/{sessionId}",             "A F F N N N A U  N N", Needs.Scheduled, Rename),
        new("DELETE", "/v1/libraries/{libraryId}/sessions/{sessionId}",             "A F F N N N A U  N N", Needs.Scheduled),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/start",       "A A F N N N A U  N N", Needs.Scheduled),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/end",         "A A F N N N A U  N N", Needs.Live),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/cancel",      "A F F N N N A U  N N", Needs.Scheduled),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/heartbeat",   "A A F N N N A U  N N", Needs.Live),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/video_state", "A A F N N N A U  N N", Needs.Scheduled, Media),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/audio_state", "A A F N N N A U  N N", Needs.Scheduled, Media),
        new("PATCH",  "/v1/libraries/{libraryId}/sessions/{sessionId}/schedule",    "A F F N N N A U  N N", Needs.Scheduled, Schedule),
        new("PATCH",  "/v1/libraries/{libraryId}/sessions/{sessionId}/settings",    "A A F N N N A U  N N", Needs.Scheduled, Settings),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/studio_url",  "A F F N N N A U  F F", Needs.Shared),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/participants", "A A A N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/co_hosts",    "A F F N N N A U  N N", Needs.Scheduled, Participant),
        new("DELETE", "/v1/libraries/{libraryId}/sessions/{sessionId}/co_hosts/{userId}", "A F F N N N A U  N N", Needs.CoHostToRemove),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/moderators",  "A F F N N N A U  N N", Needs.Scheduled, Participant),
        new("DELETE", "/v1/libraries/{libraryId}/sessions/{sessionId}/moderators/{userId}", "A F F N N N A U  N N", Needs.ModeratorToRemove),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/join",        "A A A N N N A U  F F", Needs.Live),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/monitor_token", "A F F N N N A U  F F", Needs.Live),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/leave",       "A A A N N N A U  F F", Needs.Shared),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/viewers",     "A A F N N N A U  N N", Needs.Shared),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/attendance",  "A A F N N N A U  N N", Needs.Shared),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/attendance/stats", "A A F N N N A U  N N", Needs.Shared),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/attendance/export", "A A F N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/bans",        "A A A N N N A U  N N", Needs.Scheduled, Ban),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/bans",        "A A A N N N A U  N N", Needs.Shared),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/bans/me",     "A A A N N N A U  F F", Needs.Shared),
        new("DELETE", "/v1/libraries/{libraryId}/sessions/{sessionId}/bans/{userId}", "A A A N N N A U  N N", Needs.BannedSpare),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/events",      "A A A N N N A U  N N", Needs.Shared),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/polls",       "A A A N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/polls",       "A A A N N N A U  N N", Needs.Live, NewPoll, HttpStatusCode.Created),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/polls/{pollId}/votes", "A A A N N N A U  F F", Needs.LivePoll, Vote),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/polls/{pollId}/results", "A A A N N N A U  N N", Needs.LivePoll),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/polls/{pollId}/close", "A A A N N N A U  N N", Needs.LivePoll),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/chat",        "A A A N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/chat",        "A A A N N N A U  F F", Needs.LiveJoined, Chat, HttpStatusCode.Created),
        new("DELETE", "/v1/libraries/{libraryId}/sessions/{sessionId}/chat/{messageId}", "A A A N N N A U  F F", Needs.ChatMessage),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/hand", "A A A N N N A U  F F", Needs.StageJoined),
        new("DELETE", "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/hand", "A A A N N N A U  F F", Needs.Shared),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/hand", "A A A N N N A U  F F", Needs.Shared),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/participants", "A A A N N N A U  F F", Needs.Shared),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/leave", "A A A N N N A U  F F", Needs.Shared),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/token", "A A A N N N A U  F F", Needs.StageEveryoneUp),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/requests", "A A A N N N A U  F F", Needs.StageJoined, StageMessage, HttpStatusCode.Created),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/requests/mine", "A A A N N N A U  F F", Needs.Shared),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/participants", "A A F N N N A U  N N", Needs.StageSpareJoined, StageSpare),
        new("PATCH",  "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/participants/{userId}", "A A F N N N A U  N N", Needs.StageSpareUp, StagePermissions),
        new("DELETE", "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/participants/{userId}", "A A F N N N A U  N N", Needs.StageSpareUp),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/requests", "A A A N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/requests/{requestId}/approve", "A A F N N N A U  N N", Needs.StageSpareRequest),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/requests/{requestId}/reject", "A A F N N N A U  N N", Needs.StageSpareRequest),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/hands", "A A A N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/hands/{userId}/approve", "A A F N N N A U  N N", Needs.StageSpareHand),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/stage/hands/{userId}/reject", "A A F N N N A U  N N", Needs.StageSpareHand),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/go_live",     "A A F N N N A U  N N", Needs.Scheduled),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/egress/hls",  "A A F N N N A U  N N", Needs.Live),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/webcam_hls",  "A A F N N N A U  N N", Needs.LiveWithHostCamera),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/stream_health", "A A A N N N A U  N N", Needs.Shared),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}/share_urls",  "A A A N N N A U  N N", Needs.Shared),
        new("POST",   "/v1/libraries/{libraryId}/presets",                          "A A F A N F A U  F F", Needs.None, NewPreset, HttpStatusCode.Created),
        new("GET",    "/v1/libraries/{libraryId}/presets",                          "A A A A N A A U  F F", Needs.None),
        new("GET",    "/v1/libraries/{libraryId}/presets/{presetId}",               "A N N N N N A U  F F", Needs.Preset),
        new("PATCH",  "/v1/libraries/{libraryId}/presets/{presetId}",               "A N N N N N A U  F F", Needs.Preset, NewPreset),
        new("DELETE", "/v1/libraries/{libraryId}/presets/{presetId}",               "A N N N N N A U  F F", Needs.Preset),
        new("POST",   "/v1/libraries/{libraryId}/presets/{presetId}/default",       "A N N N N N A U  F F", Needs.Preset),
    ];

    /// <summary>
    /// The resource routes again, on a PUBLIC room and session of L: everyone in L may view them, nobody but their
    /// owner (and admins) may change them (403, not 404: they are visible); L's resources stay 404 to M's host.
    /// </summary>
    public static readonly IReadOnlyList<MatrixRow> PublicRoutes =
    [
        //                                                         O C M H L V A -  k v
        new("GET",    "/v1/rooms/{roomId}",                       "A A A A N A A U  A A", Needs.Shared),
        new("PATCH",  "/v1/rooms/{roomId}",                       "A F F F N F A U  F F", Needs.Room, RoomPatch),
        new("DELETE", "/v1/rooms/{roomId}",                       "A F F F N F A U  F F", Needs.Room),
        new("GET",    "/v1/rooms/{roomId}/sessions",              "A A A A N A A U  A A", Needs.Shared),
        new("POST",   "/v1/rooms/{roomId}/sessions",              "A F F F N F A U  F F", Needs.Room, NewSession, HttpStatusCode.Created),
        new("GET",    "/v1/sessions/{sessionId}",                 "A A A A N A A U  A A", Needs.Shared),
        new("PATCH",  "/v1/sessions/{sessionId}",                 "A F F F N F A U  F F", Needs.Scheduled, Rename),
        new("DELETE", "/v1/sessions/{sessionId}",                 "A F F F N F A U  F F", Needs.Scheduled),
        new("POST",   "/v1/sessions/{sessionId}/start",           "A A F F N F A U  F F", Needs.Scheduled),
        new("POST",   "/v1/sessions/{sessionId}/end",             "A A F F N F A U  F F", Needs.Live),
        new("POST",   "/v1/sessions/{sessionId}/cancel",          "A F F F N F A U  F F", Needs.Scheduled),
        new("POST",   "/v1/sessions/{sessionId}/heartbeat",       "A A F F N F A U  F F", Needs.Live),
        new("POST",   "/v1/sessions/{sessionId}/video_state",     "A A F F N F A U  F F", Needs.Scheduled, Media),
        new("PATCH",  "/v1/sessions/{sessionId}/settings",        "A A F F N F A U  F F", Needs.Scheduled, Settings),
        new("POST",   "/v1/sessions/{sessionId}/studio_url",      "A F F F N F A U  F F", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/participants",    "A A A A N A A U  A A", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/co_hosts",        "A F F F N F A U  F F", Needs.Scheduled, Participant),
        new("DELETE", "/v1/sessions/{sessionId}/moderators/{userId}", "A F F F N F A U  F F", Needs.ModeratorToRemove),
        new("POST",   "/v1/sessions/{sessionId}/join",            "A A A A N A A U  F F", Needs.Live),
        new("POST",   "/v1/sessions/{sessionId}/monitor_token",   "A F F F N F A U  F F", Needs.Live),
        new("GET",    "/v1/sessions/{sessionId}/viewers",         "A A F F N F A U  F F", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/attendance/export", "A A F F N F A U  F F", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/bans",            "A A A F N F A U  F F", Needs.Scheduled, Ban),
        new("GET",    "/v1/sessions/{sessionId}/bans/me",         "A A A A N A A U  F F", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/events",          "A A A A N A A U  A A", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/polls",           "A A A A N A A U  A A", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/polls",           "A A A F N F A U  F F", Needs.Live, NewPoll, HttpStatusCode.Created),
        new("POST",   "/v1/sessions/{sessionId}/polls/{pollId}/votes", "A A A A N A A U  F F", Needs.LivePoll, Vote),
        new("GET",    "/v1/sessions/{sessionId}/polls/{pollId}/results", "A A A A N A A U  A A", Needs.LivePoll),
        new("POST",   "/v1/sessions/{sessionId}/polls/{pollId}/close", "A A A F N F A U  F F", Needs.LivePoll),
        new("POST",   "/v1/libraries/{libraryId}/sessions/{sessionId}/polls/{pollId}/votes", "A A A A N A A U  F F", Needs.LivePoll, Vote),
        new("GET",    "/v1/sessions/{sessionId}/chat",            "A A A A N A A U  A A", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/chat",            "A A A A N A A U  F F", Needs.LiveJoined, Chat, HttpStatusCode.Created),
        new("DELETE", "/v1/sessions/{sessionId}/chat/{messageId}", "A A A F N F A U  F F", Needs.ChatMessage),
        new("POST",   "/v1/sessions/{sessionId}/stage/hand",      "A A A A N A A U  F F", Needs.StageJoined),
        new("POST",   "/v1/sessions/{sessionId}/stage/token",     "A A A A N A A U  F F", Needs.StageEveryoneUp),
        new("POST",   "/v1/sessions/{sessionId}/stage/requests",  "A A A A N A A U  F F", Needs.StageJoined, StageMessage, HttpStatusCode.Created),
        new("GET",    "/v1/sessions/{sessionId}/stage/participants", "A A A A N A A U  F F", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/stage/participants", "A A F F N F A U  F F", Needs.StageSpareJoined, StageSpare),
        new("GET",    "/v1/sessions/{sessionId}/stage/hands",     "A A A F N F A U  F F", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/stage/requests/{requestId}/approve", "A A F F N F A U  F F", Needs.StageSpareRequest),
        new("GET",    "/v1/libraries/{libraryId}/sessions/{sessionId}", "A A A A N A A U  A A", Needs.Shared),
        new("PATCH",  "/v1/libraries/{libraryId}/sessions/{sessionId}", "A F F F N F A U  F F", Needs.Scheduled, Rename),
        new("POST",   "/v1/sessions/{sessionId}/go_live",         "A A F F N F A U  F F", Needs.Scheduled),
        new("GET",    "/v1/sessions/{sessionId}/stream_health",   "A A A F N F A U  F F", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/share_urls",      "A A A A N A A U  A A", Needs.Shared),
        new("GET",    "/v1/sessions/{sessionId}/recordings",      "A A F F N F A U  F F", Needs.Shared),
        new("POST",   "/v1/sessions/{sessionId}/recordings",      "A A F F N F A U  F F", Needs.Recordable, Success: HttpStatusCode.Created),
        new("GET",    "/v1/recordings/{recordingId}",             "A A F F N F A U  F F", Needs.Recording),
    ];

    /// <summary>The library-scoped routes that name a resource of L (room, session or preset).</summary>
    private static IEnumerable<MatrixRow> CrossLibraryRows =>
        Routes.Where(r => r.Template.StartsWith("/v1/libraries/{libraryId}/", StringComparison.Ordinal)
                          && (r.Template.Contains("{roomId}") || r.Template.Contains("{sessionId}") || r.Template.Contains("{presetId}")));

    public static TheoryData<string, Actor> PrivateCases => Cases(Routes);

    public static TheoryData<string, Actor> PublicCases => Cases(PublicRoutes);

    /// <summary>Actors for whom library M's prefix is theirs (M's host), reachable (admin) or not (L's owner).</summary>
    public static TheoryData<string, Actor> CrossLibraryCases
    {
        get
        {
            var data = new TheoryData<string, Actor>();
            foreach (var row in CrossLibraryRows)
            {
                foreach (var actor in new[] { Actor.Owner, Actor.OtherLibraryHost, Actor.Admin })
                {
                    data.Add(row.Key, actor);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PrivateCases))]
    public async Task PrivateResourcesGiveEachActorTheirStatus(string route, Actor actor)
    {
        var row = Routes.Single(r => r.Key == route);
        await AssertAsync(row, actor, row.For(actor), "private", target => target);
    }

    [Theory]
    [MemberData(nameof(PublicCases))]
    public async Task PublicResourcesAreVisibleButNotChangeable(string route, Actor actor)
    {
        var row = PublicRoutes.Single(r => r.Key == route);
        await AssertAsync(row, actor, row.For(actor), "public", target => target);
    }

    /// <summary>L's room and session reached through library M's prefix do not exist there, not even for an admin.</summary>
    [Theory]
    [MemberData(nameof(CrossLibraryCases))]
    public async Task ResourcesOfOneLibraryAreNotFoundThroughAnothersPrefix(string route, Actor actor)
    {
        var row = Routes.Single(r => r.Key == route);
        var world = await api.WorldAsync();
        await AssertAsync(row, actor, Outcome.NotFound, "private", target => target with { LibraryId = world.OtherLibrary.Id });
    }

    public static TheoryData<string, Outsider> OutsiderCases => OutsiderData();

    /// <summary>The rest of library M (its host is a column of <see cref="Routes"/>): L's prefix is a 404 for everything.</summary>
    [Theory]
    [MemberData(nameof(OutsiderCases))]
    public async Task OutsidersOfALibraryFindNothingThroughItsPrefix(string route, Outsider outsider)
    {
        var row = Routes.Single(r => r.Key == route);
        var world = await api.WorldAsync();
        await AssertAsync(row, world.Outsiders[outsider], Outcome.NotFound, "private", target => target);
    }

    [Fact]
    public async Task ALibraryThatDoesNotExistIsNotFoundEvenForAnAdmin()
    {
        var world = await api.WorldAsync();
        var response = await world.ClientOf(Actor.Admin).GetAsync($"/v1/libraries/{Guid.NewGuid()}/sessions/{world.PrivateSession.Id}");
        await response.ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public void EveryRouteOfTheAppHasARowAndEveryRowARoute()
    {
        var app = api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + (e.RoutePattern.RawText ?? "").Trim('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods))
            .Where(e => !NotApiPrefixes.Any(p => e.Pattern.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(e => e.Methods is { Count: > 0 } methods
                ? methods.Select(m => $"{m} {e.Pattern}")
                : [$"ANY {e.Pattern}"])
            .ToHashSet();
        var table = Routes.Select(r => r.Key).ToList();

        Assert.Equal(table.Count, table.Distinct().Count());
        Assert.True(app.Count > 40, $"the endpoint enumeration found only {app.Count} routes");
        var missing = app.Except(table).Order().ToList();
        var stale = table.Except(app).Order().ToList();
        Assert.True(missing.Count == 0, "Routes without a row in the permission matrix:\n" + string.Join('\n', missing));
        Assert.True(stale.Count == 0, "Rows naming no route of the app:\n" + string.Join('\n', stale));
        var strayPublic = PublicRoutes.Select(r => r.Key).Except(table).ToList();
        Assert.True(strayPublic.Count == 0, "Public rows naming no route of the app:\n" + string.Join('\n', strayPublic));
    }

    private static TheoryData<string, Actor> Cases(IEnumerable<MatrixRow> rows)
    {
        var data = new TheoryData<string, Actor>();
        foreach (var row in rows)
        {
            foreach (var actor in Enum.GetValues<Actor>())
            {
                data.Add(row.Key, actor);
            }
        }

        return data;
    }

    private static TheoryData<string, Outsider> OutsiderData()
    {
        var data = new TheoryData<string, Outsider>();
        foreach (var row in Routes.Where(r => r.Template.StartsWith("/v1/libraries/{libraryId}/", StringComparison.Ordinal)))
        {
            foreach (var outsider in Enum.GetValues<Outsider>())
            {
                data.Add(row.Key, outsider);
            }
        }

        return data;
    }

    private async Task AssertAsync(MatrixRow row, Actor actor, Outcome expected, string visibility, Func<MatrixTarget, MatrixTarget> adjust) =>
        await AssertAsync(row, (await api.WorldAsync()).ClientOf(actor), expected, visibility, adjust);

    private async Task AssertAsync(MatrixRow row, HttpClient client, Outcome expected, string visibility, Func<MatrixTarget, MatrixTarget> adjust)
    {
        var world = await api.WorldAsync();
        var target = adjust(await world.PrepareAsync(row.Needs, visibility));
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), target.Fill(row.Template) + target.Query);
        if (row.Body?.Invoke(world, target) is { } body)
        {
            request.Content = ApiJson.Body(body);
        }

        // Headers first: an event stream's body does not end while its session is live.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        switch (expected)
        {
            case Outcome.Allowed when response.Content.Headers.ContentType?.MediaType is "text/csv" or "text/event-stream" or "video/mp4":
                // A file or a stream, not an envelope (the attendance export, the live events, a recording): its status is the answer.
                Assert.Equal(row.Success, response.StatusCode);
                break;
            case Outcome.Allowed:
                await response.ShouldSucceedAsync(row.Success);
                break;
            case Outcome.Forbidden:
                await response.ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
                break;
            case Outcome.NotFound:
                await response.ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
                break;
            case Outcome.Unauthorized:
                await response.ShouldFailAsync(HttpStatusCode.Unauthorized, row.UnauthorizedCode);
                break;
        }
    }
}
