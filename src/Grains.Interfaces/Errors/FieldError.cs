namespace Roomcast.Errors;

/// <summary>One invalid input field and why.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.FieldError")]
public sealed record FieldError([property: Id(0)] string Field, [property: Id(1)] string Message);
