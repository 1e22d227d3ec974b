using Microsoft.AspNetCore.Authorization;

namespace Roomcast.WebApi.Auth;

public sealed record RoomPermissionRequirement(RoomPermission Permission) : IAuthorizationRequirement;
