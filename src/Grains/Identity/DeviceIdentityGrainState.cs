namespace Roomcast.Grains.Identity;

[GenerateSerializer, Alias("Roomcast.DeviceIdentityGrainState")]
public sealed record DeviceIdentityGrainState
{
    [Id(0)] public Guid? UserId { get; init; }
}
