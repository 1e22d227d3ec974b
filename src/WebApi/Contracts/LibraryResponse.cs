using Roomcast.Libraries;

namespace Roomcast.WebApi.Contracts;

public sealed record LibraryResponse(Guid Id, string Name, DateTimeOffset CreatedOn)
{
    public static LibraryResponse From(LibraryProfile library) => new(library.Id, library.Name, library.CreatedOn);
}
