using Roomcast.Stage;

namespace Roomcast.WebApi.Contracts;

/// <summary>A raised hand.</summary>
public sealed record StageHandResponse(Guid UserId, DateTimeOffset RaisedAt)
{
    public static StageHandResponse From(StageHand hand) => new(hand.UserId, hand.RaisedAt);
}
