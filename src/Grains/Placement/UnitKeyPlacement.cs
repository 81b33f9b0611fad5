using Orleans.Metadata;
using Orleans.Runtime.Placement;

namespace UnitGrains.Placement;

/// <summary>
/// Units are placed on the silo that owns their key (<see cref="UnitOwners"/>), wherever the call
/// that activates them comes from. Orleans' default (resource-optimised placement) prefers the
/// calling silo while loads are close, and a parent activates its children by pulling them: the
/// silo that seeds or first reads the nation ended up holding every unit (issue 20).
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class UnitKeyPlacement : PlacementStrategy
{
    public static UnitKeyPlacement Instance { get; } = new();
}

/// <summary>
/// Places a unit on its key's owner among the active silos — also when it migrates. Every silo
/// hosts units, so the owner is computed over membership, exactly as <see cref="UnitRebalancer"/>
/// computes it (Orleans' compatible silos come from the cluster manifest, which can lag behind
/// membership after a silo dies, and the two would disagree on an owner for good). Placement
/// hints are ignored on purpose: a hint rides in the request context, which flows on into the
/// calls a unit makes while it activates (it pulls its children), and would put the children on
/// the hinted silo too.
/// </summary>
internal sealed class UnitKeyPlacementDirector(IClusterMembershipService membership) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = ActiveSilos(membership.CurrentSnapshot);
        return Task.FromResult(UnitOwners.Owner(target.GrainIdentity.Key.ToString()!, silos.Length > 0 ? silos : context.GetCompatibleSilos(target), SiloName));
    }

    /// <summary>The silos units are placed on: the active members, in a fixed order.</summary>
    public static SiloAddress[] ActiveSilos(ClusterMembershipSnapshot snapshot) =>
        [.. snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).Order()];

    /// <summary>A silo as <see cref="UnitOwners"/> names it: its endpoint, without the generation.</summary>
    public static string SiloName(SiloAddress silo) => silo.Endpoint.ToString();
}

/// <summary>
/// Gives <see cref="UnitGrain"/> its placement from the silo's configuration rather than an
/// attribute on the grain: where units live is a decision of the deployment, kept with the rest of
/// it (<see cref="PlacementSetup"/>).
/// </summary>
internal sealed class UnitKeyPlacementResolver : IPlacementStrategyResolver
{
    private static readonly string UnitGrainClass = typeof(UnitGrain).FullName!;

    public bool TryResolvePlacementStrategy(GrainType grainType, GrainProperties? properties, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out PlacementStrategy result)
    {
        result = properties is not null && properties.Properties.TryGetValue(WellKnownGrainTypeProperties.FullTypeName, out var name) && name == UnitGrainClass
            ? UnitKeyPlacement.Instance
            : null;
        return result is not null;
    }
}
