using System.Net.Mail;
using Roomcast.Errors;
using Roomcast.Identity;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>An admin creating a user in a library (the default library when none is named).</summary>
public sealed record CreateUserRequest(string? Email, string? Password, string? DisplayName, [property: EnumValues<UserRole>] string? Role, Guid? LibraryId) : IValidatableRequest
{
    public const int MinPasswordLength = 10;

    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        foreach (var error in FieldRules.Text("email", Email, 320, required: true)
                     .Concat(FieldRules.Text("display_name", DisplayName, 100, required: true))
                     .Concat(FieldRules.Text("password", Password, 256, required: true))
                     .Concat(FieldRules.OneOf<UserRole>("role", Role)))
        {
            yield return error;
        }

        if (!string.IsNullOrWhiteSpace(Email) && !MailAddress.TryCreate(Email.Trim(), out _))
        {
            yield return new FieldError("email", "is not an email address");
        }

        if (Password is { Length: > 0 and < MinPasswordLength })
        {
            yield return new FieldError("password", $"must be at least {MinPasswordLength} characters");
        }
    }

    /// <summary>The role once validated (or the default); a method, because a property would be a field of the body and of its OpenAPI schema.</summary>
    public UserRole ParseRole() => ApiEnum.ParseOrNull<UserRole>(Role) ?? UserRole.Host;
}
