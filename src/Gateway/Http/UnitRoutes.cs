using UnitGrains.Domain;
using UnitGrains.Gateway.Auth;
using UnitGrains.Gateway.Live;
using UnitGrains.Hosting;

namespace UnitGrains.Gateway.Http;

/// <summary>
/// The route group every per-unit endpoint hangs from (<c>/api/units/{code}</c>). Its filters
/// answer before any grain is called: a caller without a token is a 401 and one outside its scope
/// a 403 (<see cref="UnitAccessFilter"/>, Read unless the endpoint says Write), a malformed code is a 400, and while the embedded silo is
/// still seeding the answer is 503 with Retry-After, not a misleading 404. After a write the unit's
/// scores kept by this process are distrusted (<see cref="ScoresCache.Invalidate"/>).
/// </summary>
internal static class UnitRoutes
{
    public static RouteGroupBuilder MapUnitGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/units/{code}")
            .RequireUnitAccess(UnitAccess.Read)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddEndpointFilter<RouteGroupBuilder, UnitAccessFilter>()
            .AddEndpointFilter(async (context, next) =>
            {
                var code = context.HttpContext.GetRouteValue("code") as string;
                if (!UnitCode.IsWellFormed(code))
                {
                    return Problems.MalformedCode(code ?? string.Empty);
                }

                if (NotReady(context.HttpContext) is { } notReady)
                {
                    return notReady;
                }

                var result = await next(context);
                if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
                {
                    // Read-your-writes: this client's next read of the unit must not be answered from scores pushed before its write.
                    context.HttpContext.RequestServices.GetRequiredService<ScoresCache>().Invalidate(code!);
                }

                return result;
            });

    /// <summary>A 503 while this process's silo is seeding (or failed to), else null.</summary>
    public static IResult? NotReady(HttpContext http)
    {
        if (http.RequestServices.GetService<SeedStatus>()?.Current is not { } seed || seed.State == SeedStatus.SeedState.Ready)
        {
            return null;
        }

        http.Response.Headers.RetryAfter = "2";
        return seed.State == SeedStatus.SeedState.Failed
            ? Problems.Unavailable($"Seeding the hierarchy failed: {seed.Error}", "seeding_failed")
            : Problems.Unavailable($"The hierarchy is being seeded ({seed.Progress.Done:N0}/{seed.Progress.Total:N0} units); retry shortly.", "seeding");
    }
}
