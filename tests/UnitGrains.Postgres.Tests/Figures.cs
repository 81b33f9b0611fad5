using UnitGrains.Tests.Shared;
using Xunit.Abstractions;

namespace UnitGrains.Postgres.Tests;

/// <summary>
/// Figures a fault or placement test measured (shares per silo, how long a client waited for its
/// 503, how long writes failed): printed to the test's output and appended to
/// <c>artifacts/figures.txt</c>, since the test command shows a passing test's output only at
/// detailed verbosity. Measured, never asserted: the machine is shared and slow.
/// </summary>
public static class Figures
{
    private static readonly string File = Path.Combine(Repo.Root, "artifacts", "figures.txt");

    public static void Record(ITestOutputHelper output, string test, string line)
    {
        output.WriteLine(line);
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        lock (File)
        {
            System.IO.File.AppendAllText(File, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} {test}: {line}\n");
        }
    }
}
