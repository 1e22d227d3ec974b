namespace Roomcast.Hosting;

/// <summary>Where grain state, reminders, membership and the catalog live (configuration key <c>Storage</c>).</summary>
public enum StorageMode
{
    /// <summary>In memory, one process, lost on restart. The default, so the service runs with no database.</summary>
    Dev,

    /// <summary>PostgreSQL through the ADO.NET providers; several silos and API nodes share one database.</summary>
    Postgres,
}
