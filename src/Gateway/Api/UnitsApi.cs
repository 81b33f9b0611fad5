using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Http;

namespace UnitGrains.Gateway.Api;

/// <summary>
/// Units and the hierarchy: <c>GET /api/units/{code}</c>, its children, its ancestors and its
/// lineage. <c>?on=YYYY-MM-DD</c> reads the code as it stood that day (<see cref="UnitDirectory"/>).
/// </summary>
public static class UnitsApi
{
    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapUnitGroup().WithTags("Units");
        unit.MapGet("/", GetUnit).WithName("GetUnit").WithSummary("A unit: name, kind, parent, ancestors, number of children.")
            .Produces<UnitResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        unit.MapGet("/children", GetChildren).WithName("GetChildren").WithSummary("A page of the unit's children (official units first, then its departments).")
            .Produces<Page<UnitRef>>().ProducesProblem(StatusCodes.Status404NotFound);
        unit.MapGet("/ancestors", GetAncestors).WithName("GetAncestors").WithSummary("The unit's ancestors, from the nation down to its parent.")
            .Produces<IReadOnlyList<UnitRef>>().ProducesProblem(StatusCodes.Status404NotFound);
        unit.MapGet("/lineage", GetLineage).WithName("GetLineage").WithSummary("The units this one came from and went into at the reforms, with dates, and which of them count in whose scores.")
            .Produces<LineageResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <param name="on">The day the code is read on (YYYY-MM-DD); default today, or for a code no unit holds today, the last unit that held it.</param>
    public static async Task<IResult> GetUnit(string code, DateOnly? on, IGrainFactory grains) =>
        await grains.GetUnit(code).GetProfileAsync() is { } profile
            ? TypedResults.Ok(UnitResponse.From(profile))
            : UnitNotFound(code);

    /// <param name="on">The day whose children are listed (YYYY-MM-DD); default today, or the last day of a unit that ended.</param>
    public static async Task<IResult> GetChildren(string code, DateOnly? on, IGrainFactory grains, [FromKeyedServices(CampaignClock.Key)] TimeProvider clock, int? offset, int? limit)
    {
        var page = PageRequest.From(offset, limit);
        if (!page.IsSuccess)
        {
            return Problems.From(page.Errors);
        }

        var (start, size) = page.GetValue();
        if (await grains.GetUnit(code).GetProfileAsync() is not { } profile)
        {
            return UnitNotFound(code);
        }

        var day = on ?? (profile.ValidUntil is { } until ? until : VietnamCalendar.Today(clock));
        var children = profile.Children.Where(c => c.InForceOn(day)).ToList();
        return TypedResults.Ok(new Page<UnitRef>([.. children.Skip(start).Take(size)], children.Count, start, size));
    }

    public static async Task<IResult> GetLineage(string code, DateOnly? on, IGrainFactory grains) =>
        await grains.GetUnit(code).GetProfileAsync() is { } profile
            ? TypedResults.Ok(LineageResponse.From(profile))
            : UnitNotFound(code);

    /// <param name="on">The day the code is read on (YYYY-MM-DD).</param>
    public static async Task<IResult> GetAncestors(string code, DateOnly? on, IGrainFactory grains) =>
        await grains.GetUnit(code).GetProfileAsync() is { } profile
            ? TypedResults.Ok(profile.Ancestors)
            : UnitNotFound(code);

    internal static IResult UnitNotFound(string code) => Problems.From(Errors.UnitNotFound(code));
}

/// <summary>A unit as the API shows it.</summary>
public sealed record UnitResponse(
    string Code,
    string Name,
    UnitKind Kind,
    string OfficialKind,
    string? ParentCode,
    int ChildCount,
    IReadOnlyList<UnitRef> Ancestors,
    string? ShortName,
    string? NameEn,
    string Hierarchy,
    string OfficialCode,
    DateOnly? ValidFrom,
    DateOnly? ValidUntil,
    IReadOnlyList<LineageLink> Predecessors,
    IReadOnlyList<LineageLink> Successors)
{
    /// <summary><paramref name="p"/>'s children count is of those in force today (or on its last day): the ones <c>/children</c> lists by default.</summary>
    public static UnitResponse From(UnitProfile p) =>
        new(p.Code, p.Name, p.Kind, p.OfficialKind, p.ParentCode, p.Children.Count(c => c.ValidUntil is null || c.ValidUntil == p.ValidUntil), p.Ancestors, p.ShortName, p.NameEn, p.Hierarchy,
            p.OfficialCode, p.ValidFrom, p.ValidUntil, p.Predecessors ?? [], p.Successors ?? []);
}

/// <summary>
/// A unit's lineage: when it was in force, what it came from and what it went into. A link marked
/// <c>counted</c> carries work: the past of the unit that ended counts in the scores of the one of
/// today it links to (in exactly one), so past years can be viewed through today's units.
/// </summary>
public sealed record LineageResponse(
    string Code,
    string OfficialCode,
    string Name,
    DateOnly? ValidFrom,
    DateOnly? ValidUntil,
    IReadOnlyList<LineageLink> Predecessors,
    IReadOnlyList<LineageLink> Successors,
    UnitRef? CarriedInto)
{
    public static LineageResponse From(UnitProfile p) =>
        new(p.Code, p.OfficialCode, p.Name, p.ValidFrom, p.ValidUntil, p.Predecessors ?? [], p.Successors ?? [], p.CarriedInto is { Count: > 0 } heir ? heir[^1] : null);
}

/// <summary>One page of a longer list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);
