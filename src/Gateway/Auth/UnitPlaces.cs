using Microsoft.Extensions.Caching.Memory;
using UnitGrains.Contracts;

namespace UnitGrains.Gateway.Auth;

/// <summary>Where a unit sits: its parent and its ancestors' codes, nation first.</summary>
public sealed record UnitPlace(string Code, string? Parent, IReadOnlyList<string> Ancestors);

/// <summary>
/// Unit places for access decisions, read from the unit grains' profiles and kept for a few
/// minutes: the hierarchy changes with a new official list, not between requests, and a cached
/// place saves a grain call on every read of a subtree. Unknown codes are not cached, so a unit
/// registered later is found at once.
/// </summary>
public sealed class UnitPlaces(IGrainFactory grains, IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<UnitPlace?> FindAsync(string code)
    {
        var key = (nameof(UnitPlaces), code);
        if (cache.TryGetValue(key, out UnitPlace? place))
        {
            return place;
        }

        if (await grains.GetUnit(code).GetProfileAsync() is not { } profile)
        {
            return null;
        }

        // A unit that ended is read, like its own ancestors' readers, by the readers of the unit of today carrying its work.
        place = new UnitPlace(code, profile.ParentCode, [.. profile.Ancestors.Select(a => a.Code), .. (profile.CarriedInto ?? []).Select(a => a.Code)]);
        cache.Set(key, place, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return place;
    }
}
