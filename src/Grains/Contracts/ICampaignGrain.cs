using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>A plan the unit holds, as listed: its campaign year, title, reference, issue date and task count.</summary>
[GenerateSerializer, Immutable]
public sealed record PlanSummary(int Year, string Title, string? Identifier, DateOnly? IssuedOn, int Tasks);

/// <summary>
/// A unit's campaigns, one per year: its plan, tasks and reports, read and changed. Every write
/// takes an optional idempotency key: a retry with the same key and request answers the first
/// result and changes nothing; the same key with another request is refused. A write is stored
/// only if it succeeds (docs/api.md).
/// </summary>
public interface ICampaignGrain : IGrainWithStringKey
{
    Task<Outcome<CampaignView>> GetCampaignAsync(int year);

    /// <summary>The years the unit holds a plan for, oldest first, each with the plan's title and reference.</summary>
    Task<Outcome<IReadOnlyList<PlanSummary>>> GetPlansAsync();

    /// <summary>Puts the plan; with <paramref name="ifMatch"/>, only if the campaign is still at one of the versions it names.</summary>
    Task<Outcome<CampaignView>> PutPlanAsync(int year, PlanDraft draft, IfMatch? ifMatch = null, IdempotencyKey? key = null);

    Task<Outcome<CampaignView>> ImportPlanAsync(int year, PlanDraft draft, IReadOnlyList<TaskDraft> tasks, IdempotencyKey? key = null);

    Task<Outcome<CampaignTask>> AddTaskAsync(int year, TaskDraft draft, IdempotencyKey? key = null);

    /// <summary>Starts a task, on <paramref name="start"/>'s day (default today).</summary>
    Task<Outcome<CampaignTask>> StartTaskAsync(int year, string taskId, IdempotencyKey? key = null, TaskStart? start = null);

    Task<Outcome<CampaignTask>> CompleteTaskAsync(int year, string taskId, TaskCompletion completion, IdempotencyKey? key = null);

    Task<Outcome<CampaignTask>> CancelTaskAsync(int year, string taskId, string? reason, IdempotencyKey? key = null);

    Task<Outcome<Report>> SubmitReportAsync(int year, ReportSubmission submission, IdempotencyKey? key = null);
}
