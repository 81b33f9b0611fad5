namespace UnitGrains.Contracts;

/// <summary>Stream provider and namespaces in one place.</summary>
public static class StreamNames
{
    /// <summary>The memory stream provider carrying summaries up the tree.</summary>
    public const string Provider = "rollup";

    /// <summary>Namespace of the summary streams; a stream's key is the code of the unit it flows to (the parent).</summary>
    public const string Summaries = "unit-summary";
}
