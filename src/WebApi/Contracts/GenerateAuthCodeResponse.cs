namespace Roomcast.WebApi.Contracts;

/// <summary>A one-time code (seconds until it lapses); exchange it with <c>POST /v1/auth/code/exchange</c>.</summary>
public sealed record GenerateAuthCodeResponse(string Code, int ExpiresIn);
