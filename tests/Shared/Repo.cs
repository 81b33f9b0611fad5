namespace UnitGrains.Tests.Shared;

/// <summary>Where the repository and the built hosts are.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug: the hosts were built with the configuration that built these tests.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string HostDll(string project, string assembly) =>
        Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", assembly);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UnitGrains.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run from inside the repository.");
    }
}
