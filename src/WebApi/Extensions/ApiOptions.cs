using System.ComponentModel.DataAnnotations;

namespace Roomcast.WebApi.Extensions;

/// <summary>How this API node runs (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Carry a silo, or be a client of silos started separately.</summary>
    [EnumDataType(typeof(ApiSiloMode))]
    public ApiSiloMode Silo { get; set; } = ApiSiloMode.Embedded;

    /// <summary>
    /// Reads the section at start-up, where it decides how Orleans is hosted (before the container exists); the same
    /// values are bound and validated as <c>IOptions&lt;ApiOptions&gt;</c> for everything later.
    /// </summary>
    public static ApiOptions From(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(SectionName).Get<ApiOptions>() ?? new ApiOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                $"Configuration 'Api:Silo' is '{configuration[$"{SectionName}:Silo"]}'; expected 'Embedded' or 'External'.", e);
        }
    }
}
