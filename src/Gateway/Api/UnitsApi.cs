using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Http;

namespace UnitGrains.Gateway.Api;

/// <summary>Units and the hierarchy: <c>GET /api/units/{code}</c>, its children and its ancestors.</summary>
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
        return app;
    }

    public static async Task<IResult> GetUnit(string code, IGrainFactory grains) =>
        await grains.GetUnit(code).GetProfileAsync() is { } profile
            ? TypedResults.Ok(UnitResponse.From(profile))
            : UnitNotFound(code);

    public static async Task<IResult> GetChildren(string code, IGrainFactory grains, int? offset, int? limit)
    {
        var page = PageRequest.From(offset, limit);
        if (!page.IsSuccess)
        {
            return Problems.From(page.Errors);
        }

        var (start, size) = page.GetValue();
        return await grains.GetUnit(code).GetProfileAsync() is { } profile
            ? TypedResults.Ok(new Page<UnitRef>([.. profile.Children.Skip(start).Take(size)], profile.Children.Count, start, size))
            : UnitNotFound(code);
    }

    public static async Task<IResult> GetAncestors(string code, IGrainFactory grains) =>
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
    string Hierarchy)
{
    public static UnitResponse From(UnitProfile p) =>
        new(p.Code, p.Name, p.Kind, p.OfficialKind, p.ParentCode, p.Children.Count, p.Ancestors, p.ShortName, p.NameEn, p.Hierarchy);
}

/// <summary>One page of a longer list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);
