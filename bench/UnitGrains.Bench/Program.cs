using UnitGrains.Bench;

// Benchmarks that print figures for docs/benchmarks.md. Usage:
//   dotnet run -c Release --project bench/UnitGrains.Bench -- seed [list ...]
//   dotnet run -c Release --project bench/UnitGrains.Bench -- simulate [--list 2level-2025-07] [--year 2025] [--seed 42] [--provinces 01,79] [--rate N]
//        [--gateway http://localhost:8080 [--signing-key K]]   (through a running gateway's API instead of an in-process silo)
//   dotnet run -c Release --project bench/UnitGrains.Bench -- propagation [--list 3level-2023] [--seconds 5] [--coalesce 0,50] [--silos 1,3] [--warmup S] [--at 25000] [--reads R [--read-via grain,edge]]
//   dotnet run -c Release --project bench/UnitGrains.Bench -- baseline [--list 3level-2023] [--seconds 5] [--connections 32] [--rate N] [--read-rate 1000]
//   dotnet run -c Release --project bench/UnitGrains.Bench -- ceiling [--list 3level-2023] [--seconds 5]
//   dotnet run -c Release --project bench/UnitGrains.Bench -- micro [--filter *]   (BenchmarkDotNet's switcher)
//   dotnet run -c Release --project bench/UnitGrains.Bench -- reads [--gateway http://localhost:8080] [--seconds 10] [--rate 1000] [--province 01] [--token T] [--overview-only]
//   dotnet run -c Release --project bench/UnitGrains.Bench -- gc-phases TRACE.nettrace   (where a collection's pause goes; see GcPhasesCommand)
var command = args.FirstOrDefault() ?? "seed";
switch (command)
{
    case "seed":
        await SeedBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "propagation":
        await PropagationBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "baseline":
        await BaselineBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "ceiling":
        await CeilingBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "micro":
        MicroCommand.Run(args.Skip(1).ToArray());
        break;
    case "reads":
        await GatewayReadsBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "simulate":
        await SimulateCommand.RunAsync(args.Skip(1).ToArray());
        break;
    case "gc-phases":
        return GcPhasesCommand.Run(args.Skip(1).ToArray());
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Known: seed, propagation, baseline, ceiling, micro, simulate, reads, gc-phases.");
        return 2;
}

return 0;
