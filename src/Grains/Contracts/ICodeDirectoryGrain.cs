using Orleans.Concurrency;
using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>
/// Which units held which official codes, and when (<see cref="CodeTenure"/>), kept in buckets by
/// the code's first two characters (<see cref="BucketOf"/>): a hundred small grains a gateway reads
/// once and caches, instead of one grain per code to write at seeding or one hot grain for all.
/// </summary>
public interface ICodeDirectoryGrain : IGrainWithStringKey
{
    public static string BucketOf(string code) => code.Length >= 2 ? code[..2] : code;

    /// <summary>Every tenure of every code of the bucket.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyDictionary<string, IReadOnlyList<CodeTenure>>> GetAsync();

    /// <summary>Replaces the bucket (seeding); an identical bucket writes nothing.</summary>
    Task SetAsync(IReadOnlyDictionary<string, IReadOnlyList<CodeTenure>> tenures);
}
