using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

[GenerateSerializer, Alias("Roomcast.EmailLoginGrainState")]
public sealed class EmailLoginGrainState
{
    [Id(0)] public EmailCredential? Credential { get; set; }
}
