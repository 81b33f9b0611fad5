using Microsoft.Extensions.Options;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Http;
using UnitGrains.Hierarchy;

namespace UnitGrains.Gateway.Auth;

/// <summary>Endpoint metadata: the access an endpoint needs to the unit it addresses.</summary>
public sealed record UnitAccessMetadata(UnitAccess Access);

/// <summary>Endpoint metadata: the task the route names may also be written by the unit it names as lead.</summary>
public sealed record TaskLeadMayWrite;

/// <summary>
/// The one place access is enforced. Every endpoint that addresses a unit — by the route's
/// <c>{code}</c> or, for plan import, by the file's <c>unit</c> — carries <see cref="UnitAccessMetadata"/>
/// (the most specific wins, so a group says Read and its writes say Write); this filter turns the
/// caller's token and the target's place into 401, 403 or the endpoint's own answer.
/// </summary>
internal sealed class UnitAccessFilter(UnitPlaces places, UnitDirectory directory, IGrainFactory grains) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var access = AccessOf(http);

        var (caller, problem) = Authenticate(http, access);
        if (caller is null)
        {
            return problem;
        }

        var file = context.Arguments.OfType<PlanFile>().FirstOrDefault();
        var target = http.GetRouteValue("code") as string ?? file?.Unit;
        if (!UnitCode.IsWellFormed(target))
        {
            // No unit can be reached through a malformed code: the endpoint answers 400 and stores nothing.
            return await next(context);
        }

        // A plan file's unit is the one its code named in the list the file names: access is to that unit.
        if (file is not null && HierarchyEdition.Named(file.Hierarchy) is { } list
            && (await directory.ResolveAsync(target, list.EffectiveFrom)) is { IsSuccess: true } resolved)
        {
            target = resolved.GetValue();
        }

        if (UnitRoutes.NotReady(http) is { } notReady)
        {
            return notReady;
        }

        var callerParent = UnitAccessPolicy.IsOffice(caller) ? (await places.FindAsync(caller.Unit))?.Parent : null;
        var ancestors = UnitAccessPolicy.NeedsAncestors(caller, callerParent, access, target)
            ? (await places.FindAsync(target))?.Ancestors
            : null;
        if (!UnitAccessPolicy.Allows(caller, callerParent, access, target, ancestors) && !await IsLeadAsync(http, caller, target))
        {
            return Problems.Forbidden(access == UnitAccess.Write
                ? $"The {UnitTokens.RoleName(caller.Role)} of '{caller.Unit}' cannot change '{target}': a unit's data is written only by its own officers (or its own office), and viewers write nothing."
                : $"'{target}' is outside what the {UnitTokens.RoleName(caller.Role)} of '{caller.Unit}' may read (the subtree of '{UnitAccessPolicy.ReadRoot(caller, callerParent)}').");
        }

        return await next(context);
    }

    /// <summary>Whether the route is a task action its lead may take and the caller is that task's lead.</summary>
    private async Task<bool> IsLeadAsync(HttpContext http, UnitCaller caller, string target)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<TaskLeadMayWrite>() is null
            || http.GetRouteValue("taskId") is not string taskId
            || !int.TryParse(http.GetRouteValue("year") as string, out var year))
        {
            return false;
        }

        var campaign = await grains.GetUnit(target).GetCampaignAsync(year);
        return campaign.IsSuccess && UnitAccessPolicy.AllowsLead(caller, campaign.GetValue().Tasks.FirstOrDefault(t => t.Id == taskId)?.Lead.Code);
    }

    private static UnitAccess AccessOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<UnitAccessMetadata>()?.Access
            ?? (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? UnitAccess.Read : UnitAccess.Write);

    /// <summary>
    /// The caller of a request, or the 401 to answer: a valid token's unit and role; with
    /// anonymous reads allowed, a request that presents no credentials at all reads as a national
    /// viewer (a token that failed validation stays a 401).
    /// </summary>
    internal static (UnitCaller? Caller, IResult? Problem) Authenticate(HttpContext http, UnitAccess access)
    {
        if (UnitTokens.CallerOf(http.User) is { } caller)
        {
            return (caller, null);
        }

        var presented = http.Request.Headers.Authorization.Count > 0 || AuthSetup.LiveQueryToken(http.Request) is not null;
        if (access == UnitAccess.Read && http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.AnonymousReads && !presented)
        {
            return (new UnitCaller(UnitCode.Nation, UnitRole.Viewer), null);
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        return (null, Problems.Unauthenticated(http.User.Identity?.IsAuthenticated == true
            ? "The token does not name a unit and a role (officer, consolidator or viewer)."
            : "This endpoint needs a bearer token (Authorization: Bearer <token>); it is missing, expired or not signed by this gateway."));
    }
}

/// <summary>Declaring the access an endpoint needs.</summary>
public static class UnitAccessEndpoints
{
    /// <summary>Marks the endpoint (or every endpoint of a group) as needing <paramref name="access"/> to its unit and enforces it.</summary>
    public static TBuilder RequireUnitAccess<TBuilder>(this TBuilder builder, UnitAccess access)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new UnitAccessMetadata(access))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
