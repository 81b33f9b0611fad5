using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;
using Orleans.Runtime;

namespace UnitGrains.Hosting;

/// <summary>
/// The Orleans dashboard (Microsoft.Orleans.Dashboard) for operators: silos, grain activations,
/// calls, latencies and reminders, served at <see cref="Path"/> on a management port — a silo's
/// own HTTP port, a gateway's <c>UnitGrains:Management:Urls</c> (the API port only in
/// Development). It shows host names, addresses and which units are active, so it is never on a
/// public port; the API's access control does not apply to it.
/// </summary>
public static class OperatorDashboard
{
    public const string Path = "/dashboard";

    /// <summary>On by default; off saves its per-call statistics where nobody looks (benchmarks).</summary>
    public const string EnabledKey = "UnitGrains:Dashboard";

    /// <summary>Collects grain call statistics on this silo and answers the dashboard's queries.</summary>
    public static ISiloBuilder AddUnitGrainsDashboard(this ISiloBuilder silo) =>
        silo.AddDashboard(o => o.HideTrace = true);

    /// <summary>A cluster client can serve the dashboard too, reading what the silos collect.</summary>
    public static IClientBuilder AddUnitGrainsDashboard(this IClientBuilder client) =>
        client.AddDashboard(o => o.HideTrace = true);

    public static IEndpointRouteBuilder MapUnitGrainsDashboard(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetValue(EnabledKey, true))
        {
            endpoints.MapOrleansDashboard(routePrefix: Path).AddEndpointFilter(MalformedInputIsBadRequest);
        }

        return endpoints;
    }

    /// <summary>
    /// The dashboard's data routes take a silo address from the path (<c>SiloProperties/{address}</c>,
    /// <c>HistoricalStats/{path}</c>) and hand it to a grain that throws on what does not parse —
    /// after trying to activate a grain for it. A malformed address is the caller's mistake: a 400,
    /// answered before any grain is asked; anything that still fails on a malformed input is a 400 too.
    /// </summary>
    private static async ValueTask<object?> MalformedInputIsBadRequest(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var routeValues = context.HttpContext.Request.RouteValues;
        if ((routeValues.GetValueOrDefault("address") ?? routeValues.GetValueOrDefault("path")) is string address && !IsSiloAddress(address))
        {
            return Malformed(context.HttpContext);
        }

        try
        {
            return await next(context);
        }
        catch (Exception e) when (CausedByInput(e))
        {
            return Malformed(context.HttpContext);
        }
    }

    private static bool IsSiloAddress(string text)
    {
        try
        {
            return SiloAddress.FromParsableString(text) is not null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

    private static bool CausedByInput(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is FormatException or ArgumentException or IndexOutOfRangeException or InvalidCastException or OverflowException)
            {
                return true;
            }
        }

        return false;
    }

    private static IResult Malformed(HttpContext http) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Malformed dashboard request",
        detail: $"'{http.Request.Path}' does not name a silo the dashboard knows: use a silo address as the dashboard lists it.",
        extensions: new Dictionary<string, object?> { ["code"] = "malformed_request" });
}
