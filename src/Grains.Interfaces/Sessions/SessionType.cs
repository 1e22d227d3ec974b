namespace Roomcast.Sessions;

/// <summary>What kind of event a session is; it sets the defaults of its runtime settings.</summary>
/// <remarks>Persisted as its number (grain state, catalog): never renumber, only append.</remarks>
public enum SessionType
{
    /// <summary>One host to many viewers.</summary>
    Broadcast = 0,

    /// <summary>Hosts on stage, viewers who may be brought on stage.</summary>
    Webinar = 1,

    /// <summary>Everyone may speak.</summary>
    Meeting = 2,
}
