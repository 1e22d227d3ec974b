namespace Roomcast.Grains.Tests.Chat;

/// <summary>A fact of <see cref="ChatLogContract"/>; in this project it always runs (the log is in memory).</summary>
public sealed class ChatFactAttribute : FactAttribute;
