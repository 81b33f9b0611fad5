using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>
/// References to units without Orleans resolving the grain type on every call:
/// <c>GetGrain&lt;IUnitGrain&gt;(code)</c> asks every interface-type provider (reading the
/// interface's custom attributes) and formats the type name each time, uncached — ~2.7 % of the busy
/// CPU at 30k events/s, paid by every gateway request and every event (docs/benchmarks.md). The
/// types are resolved once, by Orleans itself, and references made from them.
/// </summary>
public static class UnitGrainReferences
{
    private static (GrainType Type, GrainInterfaceType Interface)? s_types;

    public static IUnitGrain GetUnit(this IGrainFactory grains, string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var (type, @interface) = s_types ??= Resolve(grains);
        return (IUnitGrain)grains.GetGrain(GrainId.Create(type, code), @interface);
    }

    private static (GrainType, GrainInterfaceType) Resolve(IGrainFactory grains)
    {
        var reference = (GrainReference)(object)grains.GetGrain<IUnitGrain>(UnitCode.Nation);
        return (reference.GrainId.Type, reference.InterfaceType);
    }
}
