using System.Diagnostics;
using UnitGrains.Tests.Shared;

namespace UnitGrains.Postgres.Tests.Network;

/// <summary>
/// A network of the test's own: one network namespace per silo (<c>ip netns</c>), each with its
/// own address on 10.231.0.0/24, and the host (PostgreSQL, the gateway, the test) on 10.231.0.1.
/// Every namespace is joined to the others by a tap device whose frames the test process switches
/// (<see cref="FrameSwitch"/>), so the test decides what crosses: a partition drops every frame
/// to and from one namespace; an impairment delays and drops frames between silos, as
/// <c>tc qdisc … netem delay 100ms loss 5%</c> would — this machine's kernel has no netem
/// (<c>sch_netem</c>), so the switch does in user space what netem does in the kernel.
/// <para>
/// Always torn down: <see cref="DisposeAsync"/> kills every process left in the namespaces and
/// deletes them; the taps vanish with the switch's file descriptors; and
/// <c>scripts/netlab.sh clean</c>, run before a lab starts and after it ends, removes whatever a
/// crashed run left behind.
/// </para>
/// </summary>
public sealed class NetworkLab : IAsyncDisposable
{
    public const string Prefix = "ugnet";

    /// <summary>The host's address in the lab: PostgreSQL listens there, the gateway connects from there.</summary>
    public const string HostAddress = "10.231.0.1";

    public const string Subnet = "10.231.0.0/24";

    private readonly FrameSwitch _switch;

    private NetworkLab(int silos, FrameSwitch frames)
    {
        Silos = silos;
        _switch = frames;
    }

    public int Silos { get; }

    /// <summary>Port 0 of the switch is the host; silo <c>i</c> is port <c>i + 1</c>.</summary>
    public static int PortOf(int silo) => silo + 1;

    public static string Namespace(int silo) => $"{Prefix}-s{silo}";

    public static string Address(int silo) => $"10.231.0.{11 + silo}";

    /// <summary>Why a lab cannot be built on this machine, or null when it can (root, <c>ip</c>, namespaces, taps).</summary>
    public static async Task<string?> UnavailableBecauseAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces are Linux only";
        }

        if (Environment.UserName != "root")
        {
            return $"network namespaces need root (running as {Environment.UserName})";
        }

        if (!File.Exists("/dev/net/tun"))
        {
            return "/dev/net/tun is missing (no tap devices)";
        }

        var probe = $"{Prefix}-probe";
        var (code, output) = await RunAsync("ip", "netns", "add", probe);
        if (code != 0)
        {
            return $"'ip netns add' failed ({code}): {output.Trim()} — iproute2 missing (apt-get install -y iproute2; scripts/test.sh does it as root) or no namespaces in this kernel";
        }

        await RunAsync("ip", "netns", "del", probe);
        return null;
    }

    /// <summary>Cleans leftovers, then builds the namespaces, their taps and addresses, and starts switching.</summary>
    public static async Task<NetworkLab> StartAsync(int silos)
    {
        await CleanAsync();
        FrameSwitch? frames = null;
        try
        {
            var taps = Enumerable.Range(0, silos + 1).Select(port => TapDevice.Create($"{Prefix}{port}")).ToList();
            frames = new FrameSwitch(taps);
            await MustAsync("ip", "addr", "add", $"{HostAddress}/24", "dev", taps[0].Name);
            await MustAsync("ip", "link", "set", taps[0].Name, "up");
            for (var silo = 0; silo < silos; silo++)
            {
                var ns = Namespace(silo);
                var tap = taps[PortOf(silo)].Name;
                await MustAsync("ip", "netns", "add", ns);
                await MustAsync("ip", "link", "set", tap, "netns", ns);
                await MustAsync("ip", "-n", ns, "link", "set", "lo", "up");
                await MustAsync("ip", "-n", ns, "addr", "add", $"{Address(silo)}/24", "dev", tap);
                await MustAsync("ip", "-n", ns, "link", "set", tap, "up");
            }

            frames.Start();
            return new NetworkLab(silos, frames);
        }
        catch
        {
            frames?.Dispose();
            await CleanAsync();
            throw;
        }
    }

    /// <summary>Cuts silo <paramref name="silo"/> off from everything: the other silos, PostgreSQL, the gateway.</summary>
    public void Isolate(int silo) => _switch.Isolate(PortOf(silo), true);

    public void Heal(int silo) => _switch.Isolate(PortOf(silo), false);

    /// <summary>Every frame from one silo to another is delayed by <paramref name="delay"/> and lost with <paramref name="loss"/> probability; traffic to and from the host is untouched.</summary>
    public void ImpairBetweenSilos(TimeSpan delay, double loss) =>
        _switch.Impair(Enumerable.Range(0, Silos).Select(PortOf).ToArray(), delay, loss);

    public void Unimpair() => _switch.Impair([], TimeSpan.Zero, 0);

    public FrameSwitch.Counters Counted => _switch.Count;

    /// <summary>A command run inside silo <paramref name="silo"/>'s namespace.</summary>
    public static ProcessStartInfo InNamespace(int silo, ProcessStartInfo start)
    {
        var wrapped = new ProcessStartInfo("ip") { WorkingDirectory = start.WorkingDirectory };
        foreach (var arg in new[] { "netns", "exec", Namespace(silo), start.FileName }.Concat(start.ArgumentList))
        {
            wrapped.ArgumentList.Add(arg);
        }

        return wrapped;
    }

    public async ValueTask DisposeAsync()
    {
        _switch.Dispose();
        await CleanAsync();
    }

    /// <summary>Kills what runs in the lab's namespaces and deletes them, and any tap left: <c>scripts/netlab.sh clean</c>.</summary>
    public static async Task CleanAsync()
    {
        var (code, output) = await RunAsync("bash", Path.Combine(Repo.Root, "scripts", "netlab.sh"), "clean");
        if (code != 0)
        {
            throw new InvalidOperationException($"scripts/netlab.sh clean failed ({code}): {output}");
        }
    }

    private static async Task MustAsync(params string[] command)
    {
        var (code, output) = await RunAsync(command[0], command[1..]);
        if (code != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed ({code}): {output}");
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["UNITGRAINS_NETLAB_PREFIX"] = Prefix } };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await errors);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, $"{program}: {e.Message}");
        }
    }
}
