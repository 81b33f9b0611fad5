using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Http;
using UnitGrains.Gateway.Live;

namespace UnitGrains.Gateway.Api;

/// <summary>Live indicator scores: a unit's own and subtree scores, its children ranked, history, escalations.</summary>
public static class ScoresApi
{
    internal static readonly string[] Sorts = ["score", "name", "code", "taskCompletion", "reportingRate", "openEscalations"];

    public static IEndpointRouteBuilder MapScoresApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapUnitGroup().WithTags("Scores");
        unit.MapGet("/scores", GetScores).WithName("GetScores").WithSummary("The unit's own and subtree indicator scores for a campaign year (default: the current one).")
            .Produces<UnitScores>().ProducesProblem(StatusCodes.Status404NotFound);
        unit.MapGet("/scores/history", GetHistory).WithName("GetScoreHistory").WithSummary("The subtree score day by day, and its recent changes.")
            .Produces<ScoreHistory>().ProducesProblem(StatusCodes.Status404NotFound);
        unit.MapGet("/children/scores", GetChildrenScores).WithName("GetChildrenScores").WithSummary("The unit's children ranked by subtree score; sort orders the list.")
            .Produces<IReadOnlyList<ChildScore>>().ProducesProblem(StatusCodes.Status404NotFound);
        unit.MapGet("/escalations", GetEscalations).WithName("GetEscalations").WithSummary("A page of the open escalations that have reached the unit (scope=subtree: all below it), oldest first; year, level and status narrow it.")
            .Produces<Page<Escalation>>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Answered from the scores the unit pushes to this process while it is read (<see cref="ScoresCache"/>).</summary>
    /// <param name="through">
    /// <c>year</c> (default): the hierarchy in force for the year — the unit must have existed in it;
    /// <c>current</c>: through today's units, the year rolled up along the lineage (tỉnh Đồng Nai's 2022 holds tỉnh Bình Phước's).
    /// </param>
    public static async Task<IResult> GetScores(string code, int? year, string? through, ScoresCache scores, IGrainFactory grains) =>
        ReadThrough(through) switch
        {
            { IsSuccess: false } bad => Problems.From(bad.Errors),
            { } view when view.GetValue() => (await grains.GetUnit(code).GetScoresAsync(year, throughToday: true)).ToHttp(TypedResults.Ok),
            _ => (await scores.GetAsync(code, year)).ToHttp(TypedResults.Ok),
        };

    /// <summary>The kinds a ranking can be narrowed to, as clients write them.</summary>
    internal static readonly string[] ChildKinds = [.. Enum.GetValues<UnitKind>().Where(k => k != UnitKind.Nation).Select(Vocabulary.ClientName)];

    /// <summary>The hierarchies a year is viewed through: the one in force for it, or today's.</summary>
    internal static readonly string[] Throughs = ["year", "current"];

    private static Outcome<bool> ReadThrough(string? through) => through switch
    {
        null or "year" => false,
        "current" => true,
        _ => DomainError.Invalid("through", "unknown_view", $"'{through}' is not a view: use through=year (the hierarchy in force for the year, the default) or through=current (today's units)."),
    };

    public static async Task<IResult> GetHistory(string code, int? year, IGrainFactory grains) =>
        (await grains.GetUnit(code).GetHistoryAsync(year)).ToHttp(TypedResults.Ok);

    /// <summary>Children with their subtree indicators and rank by score; <c>sort</c> orders the list (rank stays by score).</summary>
    /// <param name="kind">Only the children of this kind (commune, department, …); each kind is ranked among its own.</param>
    public static async Task<IResult> GetChildrenScores(string code, int? year, string? sort, string? through, string? kind, IGrainFactory grains)
    {
        var view = ReadThrough(through);
        if (!view.IsSuccess)
        {
            return Problems.From(view.Errors);
        }

        UnitKind? only = null;
        if (kind is not null)
        {
            if (!ChildKinds.Contains(kind))
            {
                return Problems.From(DomainError.Invalid("kind", "unknown_kind", $"'{kind}' is not a kind of unit below another: use {string.Join(", ", ChildKinds)}."));
            }

            only = Enum.GetValues<UnitKind>().Single(k => Vocabulary.ClientName(k) == kind);
        }

        var by = sort ?? "score";
        if (!Sorts.Contains(by))
        {
            return Problems.From(DomainError.Invalid("sort", "unknown_sort", $"Cannot sort by '{by}': use one of {string.Join(", ", Sorts)}."));
        }

        return (await grains.GetUnit(code).GetChildrenScoresAsync(year, view.GetValue())).ToHttp(all =>
        {
            IReadOnlyList<ChildScore> ranked = only is { } wanted ? [.. all.Where(c => c.Unit.Kind == wanted)] : all;
            return TypedResults.Ok(by switch
            {
                "name" => ranked.OrderBy(c => c.Unit.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false)).ToList(),
                "code" => ranked.OrderBy(c => c.Unit.Code, StringComparer.Ordinal).ToList(),
                "taskCompletion" => [.. ranked.OrderByDescending(c => c.Subtree.TaskCompletion ?? -1)],
                "reportingRate" => [.. ranked.OrderByDescending(c => c.Subtree.ReportingRate ?? -1)],
                "openEscalations" => [.. ranked.OrderByDescending(c => c.Subtree.OpenEscalations)],
                _ => ranked,
            });
        });
    }

    /// <summary>The scopes an escalation list reads: what has reached the unit (default), or everything below it.</summary>
    internal static readonly string[] EscalationScopes = ["reached", "subtree"];

    internal static readonly string[] EscalationStatuses = ["open", "acknowledged"];

    /// <param name="year">Only the escalations of this campaign year.</param>
    /// <param name="level">Only those at this level (1: the origin's parent, 2: the grandparent, …).</param>
    /// <param name="status"><c>open</c> (not acknowledged) or <c>acknowledged</c>; both by default.</param>
    /// <param name="scope"><c>reached</c> (default): what has risen to this unit, its own included; <c>subtree</c>: everything below it.</param>
    public static async Task<IResult> GetEscalations(string code, int? offset, int? limit, int? year, int? level, string? status, string? scope, IGrainFactory grains)
    {
        var page = PageRequest.From(offset, limit, UnitGrain.MaxEscalationDepth);
        var errors = new List<DomainError>(page.Errors);
        if (year is { } y && CampaignYear.Check(y) is { } badYear)
        {
            errors.Add(badYear);
        }

        if (level is < 1 or > 10)
        {
            errors.Add(DomainError.Invalid("level", "out_of_range", $"'level' is how far an escalation has risen, 1 (the parent) to 10, not {level}."));
        }

        if (status is not null && !EscalationStatuses.Contains(status))
        {
            errors.Add(DomainError.Invalid("status", "unknown_status", $"'{status}' is not a status: use open or acknowledged."));
        }

        if (scope is not null && !EscalationScopes.Contains(scope))
        {
            errors.Add(DomainError.Invalid("scope", "unknown_scope", $"'{scope}' is not a scope: use reached (what has risen to the unit, the default) or subtree (everything below it)."));
        }

        if (errors.Count > 0)
        {
            return Problems.From(errors);
        }

        if (await grains.GetUnit(code).GetProfileAsync() is not { } unit)
        {
            return Problems.From(Errors.UnitNotFound(code));
        }

        var filter = new EscalationFilter(
            unit.Ancestors.Count,
            scope == "subtree",
            year,
            level,
            status switch { "open" => EscalationStatus.Open, "acknowledged" => EscalationStatus.Acknowledged, _ => null });
        var (start, size) = page.GetValue();
        return (await grains.GetUnit(code).GetEscalationsAsync(page.GetValue(), filter)).ToHttp(found =>
            TypedResults.Ok(new Page<Escalation>(found.Items, found.Total, start, size)));
    }
}
