using UnitGrains.Bench;

// Benchmarks that print figures for docs/benchmarks.md. Usage:
//   dotnet run -c Release --project bench/UnitGrains.Bench -- seed [list ...]
//   dotnet run -c Release --project bench/UnitGrains.Bench -- simulate [--list 2level-2025-07] [--year 2025] [--seed 42]
//   dotnet run -c Release --project bench/UnitGrains.Bench -- propagation [--list 3level-2023] [--seconds 5] [--coalesce 0,50]
var command = args.FirstOrDefault() ?? "seed";
switch (command)
{
    case "seed":
        await SeedBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "propagation":
        await PropagationBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "simulate":
        await SimulateCommand.RunAsync(args.Skip(1).ToArray());
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Known: seed, propagation, simulate.");
        return 2;
}

return 0;
