namespace Roomcast.WebApi.Infrastructure;

public static class EndpointConventionExtensions
{
    /// <summary>Documents the error envelope for each listed status code.</summary>
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            builder.Produces<ApiErrorResponse>(status);
        }

        return builder;
    }
}
