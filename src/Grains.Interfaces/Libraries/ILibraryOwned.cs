namespace Roomcast.Libraries;

/// <summary>A resource that belongs to exactly one library (tenant).</summary>
public interface ILibraryOwned
{
    Guid LibraryId { get; }
}
