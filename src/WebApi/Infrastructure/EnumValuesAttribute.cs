namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Marks a string field of a contract as one of an enum's API spellings (<see cref="ApiEnum"/>), so the OpenAPI
/// document lists them (<see cref="ContractSchemaTransformer"/>). The contracts keep strings so an unknown value is a
/// field error of validation, not a JSON exception.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public abstract class EnumValuesAttribute(IEnumerable<string> names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names.ToList();
}

/// <summary>Every value of <typeparamref name="TEnum"/>, in snake_case.</summary>
public sealed class EnumValuesAttribute<TEnum>() : EnumValuesAttribute(ApiEnum.Names<TEnum>())
    where TEnum : struct, Enum;

/// <summary>The API key roles: host and viewer (admin keys are never issued).</summary>
public sealed class ApiKeyRoleValuesAttribute() : EnumValuesAttribute([ApiEnum.Name(Identity.UserRole.Host), ApiEnum.Name(Identity.UserRole.Viewer)]);
