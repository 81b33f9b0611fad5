using System.Reflection;
using UnitGrains.Tests.Shared;

namespace UnitGrains.Gateway.Tests;

/// <summary>The silo and gateway hosts built next to these tests (see the project's assembly metadata), run as production runs them.</summary>
internal static class OperatorHosts
{
    public static HostProcess Start(string name, string hostKey, params string[] args)
    {
        var dll = typeof(OperatorHosts).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == hostKey).Value!;
        var start = HostProcess.Dotnet(dll, args);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Production refuses to start without a token signing key.
        start.Environment["UnitGrains__Auth__SigningKey"] = GatewayFactory.SigningKey;
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        return HostProcess.Start(name, start);
    }
}
