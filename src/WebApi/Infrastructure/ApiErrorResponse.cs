namespace Roomcast.WebApi.Infrastructure;

/// <summary>The error envelope: <c>{"success": false, "error": {...}, "timestamp": unix ms}</c>.</summary>
public sealed record ApiErrorResponse(bool Success, ApiError Error, long Timestamp);
