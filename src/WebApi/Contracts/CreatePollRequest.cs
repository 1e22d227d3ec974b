using Roomcast.Errors;
using Roomcast.Polls;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>A new poll: a question and 2 to 10 distinct answers, whose ids (<c>o1</c>..<c>o10</c>, in this order) the server gives.</summary>
/// <param name="MultipleChoice">Voters may choose several answers (default: exactly one).</param>
/// <param name="Anonymous">Shown to clients as a promise: voters are never listed (in fact no poll ever lists its voters; results are counts only).</param>
public sealed record CreatePollRequest(string? Question, IReadOnlyList<string?>? Options, bool? MultipleChoice, bool? Anonymous) : IValidatableRequest
{
    public const int MaxQuestionLength = 300;
    public const int MaxOptionLength = 100;
    public const int MinOptions = 2;
    public const int MaxOptions = 10;

    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        foreach (var error in FieldRules.Text("question", Question, MaxQuestionLength, required: true))
        {
            yield return error;
        }

        if (Options is null)
        {
            yield return new FieldError("options", "is required");
            yield break;
        }

        if (Options.Count is < MinOptions or > MaxOptions)
        {
            yield return new FieldError("options", $"must hold {MinOptions} to {MaxOptions} answers (got {Options.Count})");
            yield break;
        }

        var optionErrors = Options.SelectMany((text, index) => FieldRules.Text($"options[{index}]", text, MaxOptionLength, required: true)).ToList();
        foreach (var error in optionErrors)
        {
            yield return error;
        }

        if (optionErrors.Count == 0 && Options.Select(o => o!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Options.Count)
        {
            yield return new FieldError("options", "must be distinct (compared without regard to case)");
        }
    }

    public CreatePollCommand ToCommand(Guid pollId, Guid sessionId, Guid createdBy) => new(
        pollId, sessionId, Question!.Trim(), Options!.Select(o => o!.Trim()).ToList(), MultipleChoice ?? false, Anonymous ?? false, createdBy);
}
