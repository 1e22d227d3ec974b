using Roomcast.Identity;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

public sealed record UserResponse(Guid Id, string? Email, string DisplayName, [property: EnumValues<UserRole>] string Role, Guid LibraryId, DateTimeOffset CreatedOn)
{
    public static UserResponse From(UserProfile user) =>
        new(user.Id, user.Email, user.DisplayName, ApiEnum.Name(user.Role), user.LibraryId, user.CreatedOn);
}
