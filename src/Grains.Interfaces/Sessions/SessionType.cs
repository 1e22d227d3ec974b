namespace Roomcast.Sessions;

/// <summary>What kind of event a session is; it sets the defaults of its runtime settings.</summary>
public enum SessionType
{
    /// <summary>One host to many viewers.</summary>
    Broadcast,

    /// <summary>Hosts on stage, viewers who may be brought on stage.</summary>
    Webinar,

    /// <summary>Everyone may speak.</summary>
    Meeting,
}
