using Roomcast.Errors;
using Roomcast.Identity;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>An admin issuing a key for a server. Keys are host or viewer: deployment-wide (admin) power stays with people.</summary>
public sealed record CreateApiKeyRequest(string? Name, [property: ApiKeyRoleValues] string? Role) : IValidatableRequest
{
    public const int MaxNameLength = 100;

    private static readonly UserRole[] KeyRoles = [UserRole.Host, UserRole.Viewer];

    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        foreach (var error in FieldRules.Text("name", Name, MaxNameLength, required: true))
        {
            yield return error;
        }

        if (Role is null)
        {
            yield return new FieldError("role", "is required");
        }
        else if (Role == ApiEnum.Name(UserRole.Admin))
        {
            yield return new FieldError("role", "admin keys are not issued (deployment-wide power stays with people); use host or viewer");
        }
        else if (!KeyRoles.Any(r => ApiEnum.Name(r) == Role))
        {
            yield return new FieldError("role", $"must be one of: {string.Join(", ", KeyRoles.Select(ApiEnum.Name))}");
        }
    }

    /// <summary>The role once validated (or the default); a method, because a property would be a field of the body and of its OpenAPI schema.</summary>
    public UserRole ParseRole() => ApiEnum.ParseOrNull<UserRole>(Role) ?? UserRole.Viewer;
}
