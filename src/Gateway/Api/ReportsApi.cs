using Microsoft.AspNetCore.Mvc;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Auth;
using UnitGrains.Gateway.Http;

namespace UnitGrains.Gateway.Api;

/// <summary>Reports of a unit's campaign: submitted ones and the ones the plan expects.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapUnitGroup().MapGroup("/plans/{year}/reports").WithTags("Reports");
        reports.MapGet("/", ListReports).WithName("ListReports").WithSummary("Submitted reports and the reports the plan expects, with their status.")
            .Produces<ReportList>().ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapPost("/", SubmitReport).RequireUnitAccess(UnitAccess.Write).WithName("SubmitReport").WithSummary("Submits the report for a period; outputs default to those of tasks completed within it.")
            .Produces<Report>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        reports.MapGet("/{period}", GetReport).WithName("GetReport").WithSummary("The report submitted for a period.")
            .Produces<Report>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    // From what the unit owes, not its plan: a unit without a plan still owes and files reports.
    public static async Task<IResult> ListReports(string code, int year, IGrainFactory grains) =>
        (await grains.GetUnit(code).GetDutyAsync(year)).ToHttp(view =>
            TypedResults.Ok(new ReportList(view.Reports, view.ExpectedReports)));

    public static async Task<IResult> GetReport(string code, int year, string period, IGrainFactory grains) =>
        (await grains.GetUnit(code).GetDutyAsync(year)).ToHttp(view =>
            view.Reports.LastOrDefault(r => r.Period.ToString() == period) is { } report
                ? TypedResults.Ok(report)
                : Problems.From(DomainError.NotFound("report_not_found", $"'{code}' has submitted no report for {period} in its {year} campaign.")));

    public static async Task<IResult> SubmitReport(string code, int year, ReportSubmission report, [FromHeader(Name = WriteConditions.IdempotencyKeyHeader)] string? idempotencyKey, HttpContext http, IGrainFactory grains) =>
        !WriteConditions.TryReadIdempotencyKey(http, idempotencyKey, report, out var key, out var problem)
            ? problem
            : (await grains.GetUnit(code).SubmitReportAsync(year, report, key)).ToHttp(submitted =>
                TypedResults.Created($"/api/units/{code}/plans/{year}/reports/{submitted.Period}", submitted));
}

/// <summary>A campaign's reports: those submitted and those the plan expects.</summary>
public sealed record ReportList(IReadOnlyList<Report> Reports, IReadOnlyList<ExpectedReport> ExpectedReports);
