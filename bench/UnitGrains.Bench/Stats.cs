namespace UnitGrains.Bench;

/// <summary>Small helpers the benchmark commands share: percentiles of sorted samples and option lookup.</summary>
internal static class Stats
{
    /// <summary>The sample at rank ⌊p·n⌋ of an ascending list (the p99 of 100 samples is the largest).</summary>
    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    /// <summary>The value after <paramref name="name"/> on the command line, or null.</summary>
    public static string? Arg(string[] args, string name) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
}
