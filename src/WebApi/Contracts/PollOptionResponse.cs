namespace Roomcast.WebApi.Contracts;

/// <param name="Id">The answer's id, to vote with.</param>
/// <param name="Votes">How many voters chose it (exact).</param>
public sealed record PollOptionResponse(string Id, string Text, int Votes);
