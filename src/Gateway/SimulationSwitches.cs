using UnitGrains.Simulation;

namespace UnitGrains.Gateway;

/// <summary>
/// <c>--simulate [--simulate-seed 42]</c>: after seeding, play a generated campaign of the current
/// year on the embedded silo (<see cref="CampaignSimulationService"/>). A bare switch has no value,
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
                case "--simulate":
                    expanded.Add($"--{SimulationOptions.Section}:Enabled=true");
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
