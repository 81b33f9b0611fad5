using System.Text;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Http;
using UnitGrains.Gateway.Reports;

namespace UnitGrains.Gateway.Api;

/// <summary>
/// The consolidated report (báo cáo tổng hợp) of a unit for a period, as JSON, CSV (the tables), a
/// printable HTML document or the Word document officials file. The gateway gathers the unit's and its children's campaigns and the
/// scores from the grains; <see cref="Consolidation"/> does the counting.
/// </summary>
public static class ConsolidatedReportsApi
{
    internal static readonly string[] Formats = ["json", "csv", "html", "docx"];

    public static IEndpointRouteBuilder MapConsolidatedReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapUnitGroup().WithTags("Reports")
            .MapGet("/reports/{period}/consolidated", GetConsolidated)
            .WithName("GetConsolidatedReport")
            .WithSummary("The consolidated report of the unit for a period (2026-Q1, 2026-H1, 2026): outputs by channel, tasks done and pending, children late or missing, scores.")
            .WithDescription("format=json (default), csv (the tables, UTF-8 with BOM), html (a printable document with Vietnamese headings) or docx (the Word document in the layout of Nghị định 30/2020/NĐ-CP, its number left blank for the office to fill in on registering it).")
            .Produces<ConsolidatedReport>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<IResult> GetConsolidated(string code, string period, string? format, IGrainFactory grains, [FromKeyedServices(CampaignClock.Key)] TimeProvider clock)
    {
        var errors = new List<DomainError>();
        if (!Consolidation.TryParsePeriod(period, out var reportPeriod))
        {
            errors.Add(DomainError.Invalid("period", "malformed_period", $"'{period}' is not a period to consolidate: use a quarter (2026-Q1), the first half (2026-H1) or the year (2026)."));
        }

        var kind = format ?? "json";
        if (!Formats.Contains(kind))
        {
            errors.Add(DomainError.Invalid("format", "unknown_format", $"Cannot write the report as '{kind}': use {string.Join(", ", Formats)}."));
        }

        if (errors.Count > 0)
        {
            return Problems.From(errors);
        }

        if (CampaignYear.Check(reportPeriod.Year) is { } yearError)
        {
            return Problems.From(yearError);
        }

        var unit = grains.GetUnit(code);
        if (await unit.GetProfileAsync() is not { } profile)
        {
            return UnitsApi.UnitNotFound(code);
        }

        var report = Consolidation.Build(await GatherAsync(grains, profile, reportPeriod, VietnamCalendar.Today(clock)));
        var file = $"bao-cao-tong-hop-{code}-{report.Period}";
        return kind switch
        {
            "csv" => TypedResults.File(Encoding.UTF8.GetBytes(ConsolidatedCsv.Write(report)), "text/csv; charset=utf-8", $"{file}.csv"),
            "html" => TypedResults.Content(ConsolidatedHtml.Write(report, ConsolidatedDocument.Of(report, IssuingBody.Of(profile))), "text/html; charset=utf-8"),
            "docx" => TypedResults.File(ConsolidatedDocx.Write(ConsolidatedDocument.Of(report, IssuingBody.Of(profile))), ConsolidatedDocx.ContentType, $"{file}.docx"),
            _ => TypedResults.Ok(report),
        };
    }

    /// <summary>The unit's and its children's campaigns of the period's year (in parallel: a province has a hundred communes), and the scores.</summary>
    private static async Task<ConsolidationInput> GatherAsync(IGrainFactory grains, UnitProfile profile, ReportPeriod period, DateOnly today)
    {
        var year = period.Year;
        var self = grains.GetUnit(profile.Code);
        var own = self.GetCampaignAsync(year);
        var scores = self.GetScoresAsync(year);
        var ranked = self.GetChildrenScoresAsync(year);
        var children = profile.Children
            .Where(c => Consolidation.OwesPlan(profile.ToRef(), c))
            .Select(async c => (Unit: c, Campaign: Value(await grains.GetUnit(c.Code).GetCampaignAsync(year))))
            .ToList();
        await Task.WhenAll([own, scores, ranked, .. children]);

        var ownCampaign = Value(own.Result);
        var gathered = children.Select(c => c.Result).ToList();
        var asOf = new[] { ownCampaign }.Concat(gathered.Select(c => c.Campaign)).Where(c => c is not null).Select(c => c!.AsOf).DefaultIfEmpty(today).Max();
        var unitScores = scores.Result.IsSuccess ? scores.Result.GetValue() : null;
        return new ConsolidationInput(
            profile.ToRef(),
            period,
            asOf,
            ownCampaign,
            [.. gathered],
            unitScores?.Own,
            unitScores?.Subtree,
            ranked.Result.IsSuccess ? ranked.Result.GetValue() : []);
    }

    private static CampaignView? Value(Outcome<CampaignView> outcome) => outcome.IsSuccess ? outcome.GetValue() : null;
}
