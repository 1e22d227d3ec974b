using Roomcast.Stage;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>A request to join the stage and its decision.</summary>
public sealed record StageRequestResponse(
    Guid Id,
    Guid UserId,
    string? Message,
    [property: EnumValues<StageRequestStatus>] string Status,
    DateTimeOffset CreatedAt,
    Guid? DecidedBy,
    DateTimeOffset? DecidedAt)
{
    public static StageRequestResponse From(StageRequest request) => new(
        request.Id, request.UserId, request.Message, ApiEnum.Name(request.Status), request.CreatedAt, request.DecidedBy, request.DecidedAt);
}
