using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

[GenerateSerializer, Alias("Roomcast.EmailLoginGrainState")]
public sealed record EmailLoginGrainState
{
    [Id(0)] public EmailCredential? Credential { get; init; }
}
