namespace Roomcast.Grains.Identity;

[GenerateSerializer, Alias("Roomcast.DeviceIdentityGrainState")]
public sealed class DeviceIdentityGrainState
{
    [Id(0)] public Guid? UserId { get; set; }
}
