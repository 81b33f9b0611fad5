using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Auth;
using UnitGrains.Gateway.Http;
using UnitGrains.Hierarchy;

namespace UnitGrains.Gateway.Api;

/// <summary>A unit's plan for a campaign year, and plan-file import.</summary>
public static class PlansApi
{
    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var plans = app.MapUnitGroup().MapGroup("/plans/{year}").WithTags("Plans");
        plans.MapGet("/", GetPlan);
        plans.MapPut("/", PutPlan).RequireUnitAccess(UnitAccess.Write);
        app.MapPost("/api/plans/import", Import).WithTags("Plans")
            .RequireUnitAccess(UnitAccess.Write)
            .AddEndpointFilter<RouteHandlerBuilder, UnitAccessFilter>()
            .AddEndpointFilter(async (context, next) => UnitRoutes.NotReady(context.HttpContext) ?? await next(context));
        return app;
    }

    public static async Task<IResult> GetPlan(string code, int year, IGrainFactory grains) =>
        (await grains.GetGrain<IUnitGrain>(code).GetCampaignAsync(year)).ToHttp(TypedResults.Ok);

    public static async Task<IResult> PutPlan(string code, int year, PlanDraft plan, IGrainFactory grains) =>
        (await grains.GetGrain<IUnitGrain>(code).PutPlanAsync(year, plan)).ToHttp(TypedResults.Ok);

    /// <summary>Imports a plan file (<c>data/plans/*.json</c> format): the unit and year come from the file.</summary>
    public static async Task<IResult> Import(PlanFile file, IGrainFactory grains) =>
        (await new PlanImporter(grains).ImportAsync(file)).ToHttp(view =>
            TypedResults.Ok(view));
}
