using System.Text.Json;

namespace Roomcast.Grains.Catalog.Postgres;

/// <summary>How snapshots are stored in the catalog's jsonb column; one setting for writing and reading.</summary>
internal static class CatalogJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);
}
