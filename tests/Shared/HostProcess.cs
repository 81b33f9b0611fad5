using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace UnitGrains.Tests.Shared;

/// <summary>
/// A program started by a test as a real process on loopback ports — a silo, a gateway, a
/// Prometheus server. Its last output lines are kept for failure messages; <see cref="Kill"/> is
/// kill -9, <see cref="StopAsync"/> the SIGTERM an orchestrator sends; disposing kills it (and only
/// it) with its children. Shared as a linked source file by the test projects that run processes.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private readonly StreamWriter? _log;

    private HostProcess(string name, ProcessStartInfo start, string? logFile = null)
    {
        Name = name;
        if (logFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
            _log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>
    /// Whether it has exited; once it has, its output is all read (the lines arrive on other threads,
    /// and a test that reads <see cref="Output"/> right after the exit must see its last words).
    /// </summary>
    public bool HasExited
    {
        get
        {
            if (!_process.HasExited)
            {
                return false;
            }

            _process.WaitForExit();
            return true;
        }
    }

    /// <summary>How it ended, for a failure message: "running" or its exit code.</summary>
    public string State => _process.HasExited ? $"exited with {_process.ExitCode}" : "running";

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string Output => string.Join('\n', _output.TakeLast(40));

    /// <summary>Whether any of the last 2,000 lines the process wrote contains <paramref name="text"/>.</summary>
    public bool Printed(string text) => _output.Any(line => line.Contains(text, StringComparison.Ordinal));

    public static HostProcess Start(string name, ProcessStartInfo start) => new(name, start);

    /// <summary>Also writes every line the process prints to <paramref name="logFile"/> (appended), for a failure the last lines do not explain.</summary>
    public static HostProcess Start(string name, ProcessStartInfo start, string logFile) => new(name, start, logFile);

    public static HostProcess Start(string name, string program, params string[] args) => new(name, Command(program, args));

    /// <summary>A .NET host run from its build output (working directory: next to the dll).</summary>
    public static ProcessStartInfo Dotnet(string dll, IEnumerable<string> args)
    {
        Assert.True(File.Exists(dll), $"{dll} is not built");
        var start = Command("dotnet", [dll, .. args]);
        start.WorkingDirectory = Path.GetDirectoryName(dll)!;
        return start;
    }

    /// <summary>Waits until <paramref name="url"/> answers 200, failing early if the process dies.</summary>
    public async Task WaitUntilOkAsync(HttpClient http, string url, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(HasExited, $"{Name} exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                if ((await http.GetAsync(url)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"{Name} did not answer 200 at {url} within {timeout.TotalSeconds} s:\n{Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>kill -9: no shutdown, no goodbye to the cluster, unflushed work lost.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, the way an orchestrator stops a container: the host shuts down gracefully (killed after a minute).</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await term.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.Yield();
        _process.Dispose();
        lock (_output)
        {
            _log?.Dispose();
        }

    }

    private static ProcessStartInfo Command(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        lock (_output)
        {
            _log?.WriteLine(line);
        }

        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }
}
