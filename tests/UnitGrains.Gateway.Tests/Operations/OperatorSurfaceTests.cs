using UnitGrains.Tests.Shared;

namespace UnitGrains.Gateway.Tests;

/// <summary>A Production gateway never serves the operators' surface on its API port, even when told to.</summary>
public sealed class OperatorSurfaceTests
{
    [Fact]
    public async Task A_production_gateway_refuses_a_management_url_on_its_api_port()
    {
        var port = HostProcess.FreePort();
        await using var gateway = OperatorHosts.Start(
            "gateway-shared-port",
            "GatewayHost",
            "--urls", $"http://127.0.0.1:{port}",
            "--UnitGrains:Management:Urls", $"http://127.0.0.1:{port}",
            "--cluster", "localhost",
            "--silo-port", HostProcess.FreePort().ToString(),
            "--gateway-port", HostProcess.FreePort().ToString());

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!gateway.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(gateway.HasExited, "the gateway is still running with its dashboard on the API port");
        Assert.Contains("shares port", gateway.Output, StringComparison.Ordinal);
    }
}
