using Microsoft.Extensions.Caching.Memory;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Http;

/// <summary>
/// Which unit a code names on a date, for every route under <c>/api/units/{code}</c>: <c>70</c> is
/// tỉnh Bình Phước (ended 30 June 2025), <c>52?on=2022-06-01</c> is tỉnh Bình Định and <c>52</c>
/// tỉnh Gia Lai. The directory's buckets are read from the cluster and kept for a minute: codes
/// change meaning with a new official list, not between requests. A key already naming an ended
/// unit (<c>70@2025-06-30</c>) is taken as it is.
/// </summary>
public sealed class UnitDirectory(IGrainFactory grains, IMemoryCache cache, [FromKeyedServices(CampaignClock.Key)] TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>The query parameter naming the date a code is read on.</summary>
    public const string OnParameter = "on";

    public async Task<Outcome<string>> ResolveAsync(string code, DateOnly? on)
    {
        if (UnitCode.HasEnded(code))
        {
            return code;
        }

        var bucket = ICodeDirectoryGrain.BucketOf(code);
        var key = (nameof(UnitDirectory), bucket);
        if (!cache.TryGetValue(key, out IReadOnlyDictionary<string, IReadOnlyList<CodeTenure>>? tenures) || tenures is null)
        {
            tenures = await grains.GetGrain<ICodeDirectoryGrain>(bucket).GetAsync();
            if (tenures.Count > 0)
            {
                // An empty bucket is not kept: while seeding runs it fills, and a code must be found as soon as it is there.
                cache.Set(key, tenures, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = tenures.Count });
            }
        }

        return CodeResolution.Resolve(code, tenures.GetValueOrDefault(code) ?? [], on, VietnamCalendar.Today(clock));
    }
}

/// <summary>Reading the route's unit code as the unit it names (<see cref="UnitDirectory"/>).</summary>
public static class UnitKeys
{
    /// <summary>
    /// Rewrites the route's <c>code</c> to the key of the unit it names (on <c>?on=</c>, default
    /// today) before the endpoint binds it, so every endpoint, filter and grain call works on the
    /// unit meant. A malformed code is left for the route's own check (400); a malformed date is a
    /// 400 here; a code no unit held on the date is a 404 naming the units that held it.
    /// </summary>
    public static WebApplication UseUnitKeys(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.GetRouteValue("code") is string code && UnitCode.IsWellFormed(code)
                && context.Request.Path.StartsWithSegments("/api/units", StringComparison.Ordinal))
            {
                DateOnly? on = null;
                if (context.Request.Query.TryGetValue(UnitDirectory.OnParameter, out var raw))
                {
                    if (raw.Count != 1 || !DateOnly.TryParseExact(raw[0], "yyyy-MM-dd", out var day))
                    {
                        await Problems.From(DomainError.Invalid(UnitDirectory.OnParameter, "malformed_date", $"'{raw}' is not a date: use YYYY-MM-DD, e.g. on=2022-06-01.")).ExecuteAsync(context);
                        return;
                    }

                    on = day;
                }

                var resolved = await context.RequestServices.GetRequiredService<UnitDirectory>().ResolveAsync(code, on);
                if (!resolved.IsSuccess)
                {
                    await Problems.From(resolved.Errors).ExecuteAsync(context);
                    return;
                }

                context.Request.RouteValues["code"] = resolved.GetValue();
            }

            await next(context);
        });
        return app;
    }
}
