namespace Roomcast.Centrifugo;

/// <summary>A publish that Centrifugo refused (its error code and message) or that did not reach it.</summary>
public sealed class CentrifugoPublishException(string message, Exception? inner = null) : Exception(message, inner);
