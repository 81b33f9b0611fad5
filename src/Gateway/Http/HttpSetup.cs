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
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = CompleteProblem);
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();

        // Binding failures (malformed JSON, a year that is not a number) become exceptions so the
        // handler can answer with a problem that says what was wrong, not a bare 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>
    /// Problems the framework writes itself (no endpoint for the path or method, a body that is not
    /// JSON by its content type, a chunked body Kestrel cuts off at the limit) get a <c>code</c> and
    /// a <c>detail</c> like every other problem, so clients can always switch on <c>code</c>.
    /// </summary>
    private static void CompleteProblem(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var request = context.HttpContext.Request;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        (var code, var detail) = status switch
        {
            StatusCodes.Status404NotFound => ("route_not_found", $"No endpoint answers {request.Method} {request.Path}."),
            StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", $"{request.Path} does not accept {request.Method}."),
            // Kestrel's own limit on a body without Content-Length (chunked) ends here, not in the exception handler.
            StatusCodes.Status413PayloadTooLarge => ("body_too_large", $"The request body is larger than the {MaxBodyBytes:N0} bytes accepted."),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type", $"The request body must be JSON (Content-Type: application/json), not '{request.ContentType}'."),
            _ => (System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status).Replace(" ", string.Empty, StringComparison.Ordinal)), null),
        };
        problem.Extensions["code"] = code;
        problem.Detail ??= detail;
    }

    /// <summary>
    /// The dashboard's own pages run only their own scripts and styles, talk only to this origin and
    /// are never framed. The API reference (<c>/docs</c>) and the Orleans dashboard (on the API port
    /// in Development only) are third-party pages with inline scripts and styles.
    /// </summary>
    /// <remarks>With sign-in, the dashboard also talks to the OpenID Connect provider (discovery, keys, the token endpoint).</remarks>
    private static string ContentSecurityPolicy(string? signInAuthority) =>
        $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'{(signInAuthority is null ? "" : " " + new Uri(signInAuthority).GetLeftPart(UriPartial.Authority))}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string ThirdPartyPagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static WebApplication UseUnitGrainsHttp(this WebApplication app)
    {
        var oidc = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Auth.AuthOptions>>().Value.Oidc;
        var dashboardPolicy = ContentSecurityPolicy(oidc.Enabled ? oidc.Issuer : null);
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            var path = context.Request.Path;
            headers.ContentSecurityPolicy = path.StartsWithSegments("/docs") || path.StartsWithSegments("/scalar") || path.StartsWithSegments(UnitGrains.Hosting.OperatorDashboard.Path)
                ? ThirdPartyPagePolicy
                : dashboardPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
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
