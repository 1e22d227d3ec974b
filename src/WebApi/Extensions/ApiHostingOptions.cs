namespace Roomcast.WebApi.Extensions;

/// <summary>Whether this API node carries its own silo or joins an existing cluster as a client (configuration key <c>Api:Silo</c>).</summary>
public enum ApiSiloMode
{
    /// <summary>The API co-hosts one silo: the single-process dev mode, or an API node that is also a silo.</summary>
    Embedded,

    /// <summary>The API is an Orleans client of silos started separately (needs Storage=Postgres).</summary>
    External,
}
