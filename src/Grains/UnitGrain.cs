using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Metrics;

namespace UnitGrains;

/// <summary>
/// A thin shell around <see cref="Campaign"/>: load state, call the domain, persist the result,
/// then let the rollup (<c>UnitGrain.Rollup.cs</c>) tell the parent. A failed write restores the
/// previous value and deactivates the grain, so it never answers with state storage does not hold.
/// </summary>
public sealed partial class UnitGrain(
    [PersistentState(StorageNames.UnitProfileState, StorageNames.Units)] IPersistentState<UnitProfileState> profile,
    [PersistentState(StorageNames.UnitCampaignsState, StorageNames.Units)] IPersistentState<UnitCampaignsState> campaigns,
    [PersistentState(StorageNames.UnitDutiesState, StorageNames.Units)] IPersistentState<UnitDutiesState> duties,
    [FromKeyedServices(CampaignClock.Key)] TimeProvider time,
    TimeProvider systemClock,
    Orleans.Serialization.Serializer serializer,
    IOptions<RollupOptions> rollupOptions,
    UnitMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILogger<UnitGrain> logger) : Grain, IUnitGrain
{
    private string Code => this.GetPrimaryKeyString();

    private DateOnly Today => VietnamCalendar.Today(time);

    /// <summary>
    /// The profile storage holds. <see cref="GetProfileAsync"/> interleaves with
    /// <see cref="RegisterAsync"/>, which sets the state before writing it: readers get this
    /// instead, which moves only once the write succeeded.
    /// </summary>
    private UnitProfile? _storedProfile;

    public Task<UnitProfile?> GetProfileAsync()
    {
        var stored = _storedProfile ??= profile.State.Profile;
        if (stored is null)
        {
            // Lookups of unknown codes should not leave activations behind.
            DeactivateOnIdle();
        }

        return Task.FromResult(stored);
    }

    public async Task<RegisterResult> RegisterAsync(UnitProfile newProfile)
    {
        if (newProfile.Code != Code)
        {
            throw new ArgumentException($"Profile for '{newProfile.Code}' sent to unit '{Code}'.", nameof(newProfile));
        }

        var previous = profile.State.Profile;
        if (newProfile.SameAs(previous))
        {
            return RegisterResult.Unchanged;
        }

        _storedProfile = previous;
        profile.State.Profile = newProfile;
        try
        {
            await profile.WriteStateAsync();
            _storedProfile = newProfile;
        }
        catch
        {
            profile.State.Profile = previous;
            DeactivateOnIdle();
            throw;
        }

        await OnRegisteredAsync(pullChildren: previous is not null);
        return previous is null ? RegisterResult.Created : RegisterResult.Updated;
    }
}
