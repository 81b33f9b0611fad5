using Microsoft.AspNetCore.Mvc;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Auth;
using UnitGrains.Gateway.Http;
using UnitGrains.Hierarchy;
using UnitGrains.Plans;

namespace UnitGrains.Gateway.Api;

/// <summary>A unit's plan for a campaign year, and plan-file import.</summary>
public static class PlansApi
{
    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        app.MapUnitGroup().WithTags("Plans").MapGet("/plans", ListPlans).WithName("ListPlans")
            .WithSummary("The years the unit holds a plan for, oldest first: year, title, reference, issue date, number of tasks.")
            .Produces<IReadOnlyList<PlanSummary>>().ProducesProblem(StatusCodes.Status404NotFound);
        var plans = app.MapUnitGroup().MapGroup("/plans/{year}").WithTags("Plans");
        plans.MapGet("/", GetPlan).WithName("GetPlan").WithSummary("The unit's campaign for a year: plan, tasks, reports, overdue tasks and expected reports.")
            .Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound);
        plans.MapPut("/", PutPlan).RequireUnitAccess(UnitAccess.Write).WithName("PutPlan").WithSummary("Creates or replaces the unit's plan for a year.")
            .Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        app.MapPost("/api/plans/import", Import).WithTags("Plans").WithName("ImportPlan")
            .WithSummary("Imports a plan file (data/plans format): sets the plan of the file's unit and year and adds its tasks, all or nothing.")
            .Produces<CampaignView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireUnitAccess(UnitAccess.Write)
            .AddEndpointFilter<RouteHandlerBuilder, UnitAccessFilter>()
            .AddEndpointFilter(async (context, next) => UnitRoutes.NotReady(context.HttpContext) ?? await next(context));
        return app;
    }

    public static async Task<IResult> ListPlans(string code, IGrainFactory grains) =>
        (await grains.GetUnit(code).GetPlansAsync()).ToHttp(TypedResults.Ok);

    public static async Task<IResult> GetPlan(string code, int year, HttpContext http, IGrainFactory grains) =>
        (await grains.GetUnit(code).GetCampaignAsync(year)).ToHttp(view => WriteConditions.OkWithETag(http, view));

    /// <summary>
    /// With If-Match (the ETag of a GET), the plan is replaced only if the campaign has not changed
    /// since; with an Idempotency-Key, a retry answers the first result (a conditional PUT retried
    /// after a lost answer would otherwise fail its own precondition).
    /// </summary>
    public static async Task<IResult> PutPlan(string code, int year, PlanDraft plan, [FromHeader(Name = "If-Match")] string? ifMatch, [FromHeader(Name = WriteConditions.IdempotencyKeyHeader)] string? idempotencyKey, HttpContext http, IGrainFactory grains) =>
        !WriteConditions.TryReadIfMatch(ifMatch, out var condition, out var problem)
            || !WriteConditions.TryReadIdempotencyKey(http, idempotencyKey, plan, out var key, out problem)
            ? problem
            : (await grains.GetUnit(code).PutPlanAsync(year, plan, condition, key)).ToHttp(view => WriteConditions.OkWithETag(http, view));

    /// <summary>Imports a plan file (<c>data/plans/*.json</c> format): the unit and year come from the file.</summary>
    public static async Task<IResult> Import(PlanFile file, [FromHeader(Name = WriteConditions.IdempotencyKeyHeader)] string? idempotencyKey, HttpContext http, IGrainFactory grains) =>
        !WriteConditions.TryReadIdempotencyKey(http, idempotencyKey, file, out var key, out var problem)
            ? problem
            : (await new PlanImporter(grains).ImportAsync(file, key)).ToHttp(view => TypedResults.Ok(view));
}
