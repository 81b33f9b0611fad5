using UnitGrains.Contracts;

namespace UnitGrains.Gateway.Http;

/// <summary>The HTTP pipeline: one JSON dialect, problem details for every error, bounded bodies.</summary>
public static class HttpSetup
{
    /// <summary>Largest request body accepted; a plan file with a hundred tasks is far below it.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddUnitGrainsHttp(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();

        // Binding failures (malformed JSON, a year that is not a number) become exceptions so the
        // handler can answer with a problem that says what was wrong, not a bare 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication UseUnitGrainsHttp(this WebApplication app)
    {
        app.UseExceptionHandler();

        // Kestrel enforces MaxRequestBodySize while reading; answering a declared oversize body
        // before reading any of it saves the work and holds on every server, the test host included.
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                throw new BadHttpRequestException($"The request body has {context.Request.ContentLength:N0} bytes; at most {MaxBodyBytes:N0} are accepted.", StatusCodes.Status413PayloadTooLarge);
            }

            await next(context);
        });
        app.UseStatusCodePages();
        return app;
    }
}
