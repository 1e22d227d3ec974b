namespace Roomcast.Grains;

/// <summary>Names of the grain storage providers the silo must register.</summary>
public static class GrainStorage
{
    /// <summary>The one provider every Roomcast grain persists through.</summary>
    public const string Name = "roomcast";
}
