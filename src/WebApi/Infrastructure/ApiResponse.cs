namespace Roomcast.WebApi.Infrastructure;

/// <summary>The success envelope of every response: <c>{"success": true, "data": ..., "timestamp": unix ms}</c>.</summary>
public sealed record ApiResponse<T>(bool Success, T Data, long Timestamp);
