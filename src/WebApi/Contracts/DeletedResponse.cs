namespace Roomcast.WebApi.Contracts;

public sealed record DeletedResponse(Guid Id, bool Deleted);
