using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Plans;

/// <summary>Resolves a code on a date through the cluster's code directory (<see cref="ICodeDirectoryGrain"/>).</summary>
public sealed class CodeDirectory(IGrainFactory grains)
{
    public async Task<Outcome<string>> ResolveAsync(string code, DateOnly? on, DateOnly today) =>
        UnitCode.HasEnded(code)
            ? code
            : CodeResolution.Resolve(code, (await grains.GetGrain<ICodeDirectoryGrain>(ICodeDirectoryGrain.BucketOf(code)).GetAsync()).GetValueOrDefault(code) ?? [], on, today);
}
