using UnitGrains.Simulation;

namespace UnitGrains.Gateway;

/// <summary>
/// <c>--simulate [--simulate-seed 42]</c>: after seeding, play a generated campaign of the current
/// year on the embedded silo (<see cref="CampaignSimulationService"/>); <c>--no-simulate</c> (or
/// <c>--simulate false</c>) turns off the simulation the development run plays by default. A bare switch has no value,
/// which the configuration's command-line parser would fill with the next argument, so both are
/// rewritten to configuration keys before it sees them.
/// </summary>
public static class SimulationSwitches
{
    public static string[] Expand(string[] args)
    {
        var expanded = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--simulate" when i + 1 < args.Length && args[i + 1] is "true" or "false":
                    expanded.Add($"--{SimulationOptions.Section}:Enabled={args[++i]}");
                    break;
                case "--simulate":
                    expanded.Add($"--{SimulationOptions.Section}:Enabled=true");
                    break;
                case "--no-simulate":
                    expanded.Add($"--{SimulationOptions.Section}:Enabled=false");
                    break;
                case "--simulate-seed" when i + 1 < args.Length:
                    expanded.Add($"--{SimulationOptions.Section}:Seed={args[++i]}");
                    break;
                default:
                    expanded.Add(args[i]);
                    break;
            }
        }

        return [.. expanded];
    }
}
