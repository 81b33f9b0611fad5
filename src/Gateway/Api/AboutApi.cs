using Microsoft.Extensions.Options;
using UnitGrains.Domain;
using UnitGrains.Gateway.Auth;
using UnitGrains.Gateway.Live;
using UnitGrains.Simulation;

namespace UnitGrains.Gateway.Api;

/// <summary>What a client needs before its first screen: the campaign day, the latest year with work in it, whether the figures are simulated, and where to sign in.</summary>
/// <param name="AnonymousReads">Whether anyone may read without a token (the development run): a signed-in client then needs its token only to write.</param>
public sealed record About(DateOnly Today, int CurrentYear, int LatestYearWithData, int FirstYear, SimulationInfo? Simulation, SignInInfo? SignIn, bool AnonymousReads);

/// <summary>The development run's simulated campaign: the figures of <see cref="Year"/> are generated, not entered by officials.</summary>
public sealed record SimulationInfo(int Year, int Seed);

/// <summary>The OpenID Connect provider the dashboard signs in with (authorization code + PKCE).</summary>
public sealed record SignInInfo(string Authority, string ClientId, string Scope);

public static class AboutApi
{
    /// <summary>The oldest campaign year the seeded data holds.</summary>
    public const int FirstYear = 2021;

    public static IEndpointRouteBuilder MapAboutApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/about", GetAbout).WithTags("About").WithName("GetAbout")
            .WithSummary("The campaign day, the latest year with work entered (the year a client should open on), whether the figures are simulated, the OpenID Connect provider to sign in with, and whether anyone may read.")
            .Produces<About>();
        return app;
    }

    public static async Task<IResult> GetAbout(
        ScoresCache scores,
        IOptions<SimulationOptions> simulation,
        IOptions<AuthOptions> auth,
        IConfiguration configuration,
        [FromKeyedServices(CampaignClock.Key)] TimeProvider clock)
    {
        var today = VietnamCalendar.Today(clock);
        var years = Enumerable.Range(FirstYear, today.Year - FirstYear + 1).Reverse().ToList();
        var nation = await Task.WhenAll(years.Select(async y => (Year: y, Scores: await scores.GetAsync(UnitCode.Nation, y))));
        var latest = nation.FirstOrDefault(n => n.Scores.IsSuccess && n.Scores.GetValue().Subtree.Counts.ShowWork()).Year;

        // Only a silo in this process plays the simulation; a client of separate silos says nothing of theirs.
        var embedded = (configuration["Orleans:Cluster"] ?? "embedded") == "embedded";
        var simulated = embedded && simulation.Value.Enabled ? new SimulationInfo(simulation.Value.Year ?? today.Year, simulation.Value.Seed) : null;
        var oidc = auth.Value.Oidc;
        return TypedResults.Ok(new About(
            today,
            today.Year,
            latest == 0 ? today.Year : latest,
            FirstYear,
            simulated,
            oidc.Enabled ? new SignInInfo(oidc.Issuer, oidc.ClientId, oidc.Scope) : null,
            auth.Value.AnonymousReads));
    }
}
