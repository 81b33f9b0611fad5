using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>
/// References to units without Orleans resolving the grain type on every call:
/// <c>GetGrain&lt;IUnitGrain&gt;(code)</c> asks every interface-type provider (reading the
/// interface's custom attributes) and formats the type name each time, uncached — paid by every
/// gateway request and every event (docs/benchmarks.md). The types are resolved once, by Orleans
/// itself, and references made from them.
/// </summary>
public static class UnitGrainReferences
{
    /// <summary>
    /// An object, not a nullable tuple: a reference is published whole, while a struct of several
    /// fields written by one thread can be read half-written by another — seeding's parallel first
    /// calls then got a default interface type and an untyped reference (InvalidCastException).
    /// </summary>
    private static Types? s_types;

    public static IUnitGrain GetUnit(this IGrainFactory grains, string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var types = Volatile.Read(ref s_types) ?? Resolve(grains);
        return (IUnitGrain)grains.GetGrain(GrainId.Create(types.Type, code), types.Interface);
    }

    private static Types Resolve(IGrainFactory grains)
    {
        var reference = (GrainReference)(object)grains.GetGrain<IUnitGrain>(UnitCode.Nation);
        var types = new Types(reference.GrainId.Type, reference.InterfaceType);
        Volatile.Write(ref s_types, types);
        return types;
    }

    private sealed record Types(GrainType Type, GrainInterfaceType Interface);
}
