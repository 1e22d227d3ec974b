using Roomcast.Errors;

namespace Roomcast.Grains.Quotas;

internal static class QuotaErrors
{
    public static RoomcastException Exceeded(string what, int limit, string remedy) =>
        new(ErrorKind.Conflict, "quota_exceeded", $"An owner may have at most {limit} {what}; {remedy}.",
            [new FieldError("quota", $"{what}: {limit}")]);
}
