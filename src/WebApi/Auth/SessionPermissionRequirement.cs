using Microsoft.AspNetCore.Authorization;

namespace Roomcast.WebApi.Auth;

public sealed record SessionPermissionRequirement(SessionPermission Permission) : IAuthorizationRequirement;
