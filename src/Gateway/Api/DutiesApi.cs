using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Auth;
using UnitGrains.Gateway.Http;

namespace UnitGrains.Gateway.Api;

/// <summary>
/// The cascade as officials work it: what a unit owes in a year and to whom, the consolidating
/// office's inbox and its review of reports, and the acknowledgement of escalations that reached a unit.
/// </summary>
public static class DutiesApi
{
    public static IEndpointRouteBuilder MapDutiesApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapUnitGroup().WithTags("Duties");
        unit.MapGet("/duties/{year}", GetDuty).WithName("GetDuty")
            .WithSummary("What the unit owes in a year — its plan by a date, its reports, to which office — whether from its parent's plan or the national default, and how each stands.")
            .Produces<DutyView>().ProducesProblem(StatusCodes.Status404NotFound);
        unit.MapGet("/inbox/{year}", GetInbox).WithName("GetInbox")
            .WithSummary("The inbox of a consolidating office: per period, each unit that reports to it — received on time, late, missing — and what the office accepted or returned.")
            .Produces<Inbox>().ProducesProblem(StatusCodes.Status404NotFound);
        unit.MapPost("/inbox/{year}/{unit}/{period}/accept", Accept).RequireUnitAccess(UnitAccess.Write).WithName("AcceptReport")
            .WithSummary("The office accepts a unit's report.")
            .Produces<Report>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        unit.MapPost("/inbox/{year}/{unit}/{period}/return", Return).RequireUnitAccess(UnitAccess.Write).WithName("ReturnReport")
            .WithSummary("The office returns a unit's report with a comment: the unit owes it again.")
            .Produces<Report>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        unit.MapPost("/escalations/{origin}/{year}/{item}/acknowledge", Acknowledge).RequireUnitAccess(UnitAccess.Write).WithName("AcknowledgeEscalation")
            .WithSummary("An official of the unit acknowledges an escalation that has reached it, with a comment.")
            .Produces<Escalation>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<IResult> GetDuty(string code, int year, IGrainFactory grains) =>
        (await grains.GetUnit(code).GetDutyAsync(year)).ToHttp(TypedResults.Ok);

    /// <summary>
    /// Who reports to an office is what each unit owes: the units of the office's own unit (its
    /// siblings, for a department) and the office's own units, asked in parallel.
    /// </summary>
    public static async Task<IResult> GetInbox(string code, int year, IGrainFactory grains, TimeProvider clock)
    {
        if (CampaignYear.Check(year) is { } badYear)
        {
            return Problems.From(badYear);
        }

        if (await grains.GetUnit(code).GetProfileAsync() is not { } office)
        {
            return Problems.From(Errors.UnitNotFound(code));
        }

        var parent = office.ParentCode is { } parentCode ? await grains.GetUnit(parentCode).GetProfileAsync() : null;
        var candidates = (parent?.Children ?? []).Concat(office.Children)
            .Where(u => u.Code != office.Code && u.InForceDuring(year))
            .DistinctBy(u => u.Code)
            .ToList();
        var views = await Task.WhenAll(candidates.Select(async u => (Unit: u, View: await grains.GetUnit(u.Code).GetDutyAsync(year))));
        var sources = views
            .Where(v => v.View.IsSuccess && v.View.GetValue().Duty.Office == office.Code)
            .Select(v => new InboxSource(v.Unit, v.View.GetValue().ExpectedReports, v.View.GetValue().Reports))
            .ToList();
        return TypedResults.Ok(InboxBuilder.Build(office.Code, year, VietnamCalendar.Today(clock), sources));
    }

    public static Task<IResult> Accept(string code, int year, string unit, string period, ReviewRequest? review, [FromHeader(Name = WriteConditions.IdempotencyKeyHeader)] string? idempotencyKey, HttpContext http, IGrainFactory grains) =>
        ReviewAsync(code, year, unit, period, ReviewDecision.Accepted, review ?? new ReviewRequest(), idempotencyKey, http, grains);

    public static Task<IResult> Return(string code, int year, string unit, string period, ReviewRequest review, [FromHeader(Name = WriteConditions.IdempotencyKeyHeader)] string? idempotencyKey, HttpContext http, IGrainFactory grains) =>
        ReviewAsync(code, year, unit, period, ReviewDecision.Returned, review, idempotencyKey, http, grains);

    private static async Task<IResult> ReviewAsync(string office, int year, string unit, string period, ReviewDecision decision, ReviewRequest review, string? idempotencyKey, HttpContext http, IGrainFactory grains)
    {
        if (!UnitCode.IsWellFormed(unit))
        {
            return Problems.From(UnitCode.Malformed("unit", unit));
        }

        return !WriteConditions.TryReadIdempotencyKey(http, idempotencyKey, new { unit, period, decision, review }, out var key, out var problem)
            ? problem
            : (await grains.GetUnit(unit).ReviewReportAsync(year, period, decision, office, review, key)).ToHttp(TypedResults.Ok);
    }

    public static async Task<IResult> Acknowledge(string code, string origin, int year, string item, AcknowledgeRequest? acknowledgement, HttpContext http, IGrainFactory grains)
    {
        if (!UnitCode.IsWellFormed(origin))
        {
            return Problems.From(UnitCode.Malformed("origin", origin));
        }

        var user = http.User.FindFirstValue("sub") ?? http.User.Identity?.Name;
        return (await grains.GetUnit(origin).AcknowledgeAsync(year, item, code, user, acknowledgement ?? new AcknowledgeRequest())).ToHttp(TypedResults.Ok);
    }
}
