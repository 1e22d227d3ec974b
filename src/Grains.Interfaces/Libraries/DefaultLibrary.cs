namespace Roomcast.Libraries;

/// <summary>The library the bootstrap admin, and every user created without naming one, belongs to.</summary>
public static class DefaultLibrary
{
    public static readonly Guid Id = new("00000000-0000-0000-0000-000000000001");

    public const string Name = "Default";
}
