using Roomcast.Errors;
using Roomcast.Grains.Chat;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>A chat message: 1 to 500 characters once trimmed; line breaks allowed, other control characters (tab included) not.</summary>
public sealed record SendChatMessageRequest(string? Text) : IValidatableRequest
{
    public const int MaxLength = ChatOptions.MaxLength;

    /// <summary>The text as stored: without the white space around it.</summary>
    public string TrimmedText => Text?.Trim() ?? "";

    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        var errors = FieldRules.Text("text", Text?.Trim(), MaxLength, required: true, multiline: true).ToList();
        if (errors.Count == 0 && TrimmedText.Contains('\t', StringComparison.Ordinal))
        {
            errors.Add(new FieldError("text", "must not contain control characters (found U+0009)"));
        }

        return errors;
    }
}
