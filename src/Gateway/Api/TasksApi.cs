using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Auth;
using UnitGrains.Gateway.Http;

namespace UnitGrains.Gateway.Api;

/// <summary>Tasks of a unit's campaign and their lifecycle: start, complete (with actual outputs), cancel.</summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        app.MapUnitGroup().WithTags("Tasks").MapGet("/work", ListWork).WithName("ListWork")
            .WithSummary("The tasks the unit leads, in its own plan or in the plan of the unit it belongs to; its officers start and complete them there.")
            .Produces<IReadOnlyList<LedTask>>().ProducesProblem(StatusCodes.Status404NotFound);
        var tasks = app.MapUnitGroup().MapGroup("/plans/{year}/tasks").WithTags("Tasks");
        tasks.MapGet("/", ListTasks).WithName("ListTasks").WithSummary("The tasks of the unit's campaign for a year.")
            .Produces<IReadOnlyList<CampaignTask>>().ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapPost("/", AddTask).RequireUnitAccess(UnitAccess.Write).WithName("AddTask").WithSummary("Adds a task to the campaign (its id is assigned when not given).")
            .Produces<CampaignTask>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tasks.MapGet("/{taskId}", GetTask).WithName("GetTask").WithSummary("One task of the campaign, by its id.")
            .Produces<CampaignTask>().ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapPost("/{taskId}/start", StartTask).RequireUnitAccess(UnitAccess.Write).WithMetadata(new TaskLeadMayWrite()).WithName("StartTask").WithSummary("Starts a task, on startedOn (a past day, for work entered after the fact) or today.")
            .Produces<CampaignTask>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tasks.MapPost("/{taskId}/complete", CompleteTask).RequireUnitAccess(UnitAccess.Write).WithMetadata(new TaskLeadMayWrite()).WithName("CompleteTask").WithSummary("Completes a task, with the actual outputs achieved.")
            .Produces<CampaignTask>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tasks.MapPost("/{taskId}/cancel", CancelTask).RequireUnitAccess(UnitAccess.Write).WithName("CancelTask").WithSummary("Cancels a task, with a reason.")
            .Produces<CampaignTask>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <param name="year">The campaign year (default: this year).</param>
    public static async Task<IResult> ListWork(string code, int? year, IGrainFactory grains, [FromKeyedServices(CampaignClock.Key)] TimeProvider clock)
    {
        var campaignYear = year ?? VietnamCalendar.Today(clock).Year;
        if (CampaignYear.Check(campaignYear) is { } invalid)
        {
            return Problems.From(invalid);
        }

        if (await grains.GetUnit(code).GetProfileAsync() is not { } profile)
        {
            return UnitsApi.UnitNotFound(code);
        }

        // The plans that can name a unit as lead: its own, its parent's (a department's province, a division's commune) and the one above.
        UnitRef[] owners = [profile.ToRef(), .. profile.Ancestors.Where(a => a.Kind != UnitKind.Nation).TakeLast(2)];
        var campaigns = await Task.WhenAll(owners.Select(async owner => (owner, view: await grains.GetUnit(owner.Code).GetCampaignAsync(campaignYear))));
        return TypedResults.Ok(WorkList.Of(code, campaigns.Where(c => c.view.IsSuccess).Select(c => (c.owner, c.view.GetValue()))));
    }

    public static async Task<IResult> ListTasks(string code, int year, IGrainFactory grains) =>
        (await grains.GetUnit(code).GetCampaignAsync(year)).ToHttp(view => TypedResults.Ok(view.Tasks));

    public static async Task<IResult> GetTask(string code, int year, string taskId, IGrainFactory grains) =>
        (await grains.GetUnit(code).GetCampaignAsync(year)).ToHttp(view =>
            view.Tasks.FirstOrDefault(t => t.Id == taskId) is { } task
                ? TypedResults.Ok(task)
                : Problems.From(Errors.TaskNotFound(year, taskId)));

    // Every POST takes an Idempotency-Key: a retry with the same key answers the first response.
    public static async Task<IResult> AddTask(string code, int year, TaskDraft task, [FromHeader(Name = WriteConditions.IdempotencyKeyHeader)] string? idempotencyKey, HttpContext http, IGrainFactory grains) =>
        !WriteConditions.TryReadIdempotencyKey(http, idempotencyKey, task, out var key, out var problem)
            ? problem
            : (await grains.GetUnit(code).AddTaskAsync(year, task, key)).ToHttp(created =>
                TypedResults.Created($"/api/units/{code}/plans/{year}/tasks/{created.Id}", created));

    public static async Task<IResult> StartTask(string code, int year, string taskId, TaskStart? start, [FromHeader(Name = WriteConditions.IdempotencyKeyHeader)] string? idempotencyKey, HttpContext http, IGrainFactory grains) =>
        !WriteConditions.TryReadIdempotencyKey(http, idempotencyKey, start ?? new TaskStart(), out var key, out var problem)
            ? problem
            : (await grains.GetUnit(code).StartTaskAsync(year, taskId, key, start)).ToHttp(TypedResults.Ok);

    public static async Task<IResult> CompleteTask(string code, int year, string taskId, TaskCompletion? completion, [FromHeader(Name = WriteConditions.IdempotencyKeyHeader)] string? idempotencyKey, HttpContext http, IGrainFactory grains) =>
        !WriteConditions.TryReadIdempotencyKey(http, idempotencyKey, completion ?? new TaskCompletion(), out var key, out var problem)
            ? problem
            : (await grains.GetUnit(code).CompleteTaskAsync(year, taskId, completion ?? new TaskCompletion(), key)).ToHttp(TypedResults.Ok);

    public static async Task<IResult> CancelTask(string code, int year, string taskId, CancelRequest? request, [FromHeader(Name = WriteConditions.IdempotencyKeyHeader)] string? idempotencyKey, HttpContext http, IGrainFactory grains) =>
        !WriteConditions.TryReadIdempotencyKey(http, idempotencyKey, request ?? new CancelRequest(), out var key, out var problem)
            ? problem
            : (await grains.GetUnit(code).CancelTaskAsync(year, taskId, request?.Reason, key)).ToHttp(TypedResults.Ok);
}

/// <summary>Why a task is cancelled.</summary>
public sealed record CancelRequest([property: Required, MaxLength(TextLimits.Note)] string? Reason = null);
