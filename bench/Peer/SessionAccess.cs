using System.Security.Claims;

namespace Roomcast.Bench.Peer;

/// <summary>
/// Who may act on a session, by the claims of Roomcast's access token: an admin on any, its host on their own, and
/// anyone of the same library may read a public one.
/// </summary>
public static class SessionAccess
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";
    public const string NameClaim = "name";
    public const string LibraryClaim = "lib";

    public static bool MayView(ClaimsPrincipal user, PeerSession session) =>
        MayManage(user, session) || (session.Visibility == "public" && InLibrary(user, session));

    public static bool MayManage(ClaimsPrincipal user, PeerSession session) =>
        user.IsInRole("admin") || (Guid.TryParse(user.FindFirstValue(SubjectClaim), out var subject) && subject == session.HostId && InLibrary(user, session));

    private static bool InLibrary(ClaimsPrincipal user, PeerSession session) =>
        Guid.TryParse(user.FindFirstValue(LibraryClaim), out var library) && library == session.LibraryId;
}
