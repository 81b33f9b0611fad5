namespace UnitGrains.Contracts;

/// <summary>
/// Which official list the cluster holds (one grain, key <see cref="Key"/>). Guards against seeding
/// two different lists into one cluster: their codes overlap with different meanings.
/// </summary>
public interface IHierarchyGrain : IGrainWithStringKey
{
    public const string Key = "current";

    Task<HierarchyInfo?> GetAsync();

    Task RecordSeededAsync(HierarchyInfo info);
}

/// <summary>The list seeded into the cluster, a hash of its content and how many units of each kind it made.</summary>
[GenerateSerializer, Immutable]
public sealed record HierarchyInfo(string Edition, string ContentHash, IReadOnlyDictionary<string, int> CountsByKind, DateTimeOffset SeededAt);
