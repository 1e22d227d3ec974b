namespace Roomcast.Grains.Tests.Catalog;

/// <summary>A fact of <see cref="RecordingCatalogContract"/>; in this project it always runs (the catalog is in memory).</summary>
public sealed class RecordingCatalogFactAttribute : FactAttribute;
