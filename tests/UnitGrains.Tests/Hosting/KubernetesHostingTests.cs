using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using UnitGrains.Hosting;

namespace UnitGrains.Tests.Hosting;

/// <summary>
/// On Kubernetes (deploy/kubernetes sets Orleans:Kubernetes) a silo takes its name and identity
/// from its pod through Orleans' Kubernetes hosting; elsewhere nothing of it is configured. The
/// host is built, not started: starting would ask a Kubernetes API that does not run here.
/// </summary>
[Collection(nameof(KubernetesHostingTests))]
public sealed class KubernetesHostingTests
{
    private const string Database = "Host=127.0.0.1;Port=5432;Database=unitgrains;Username=unitgrains;Password=s3cret";

    private static SiloOptions SiloOptionsWith(bool kubernetes)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UnitGrains:Storage"] = "postgres",
            ["ConnectionStrings:UnitGrains"] = Database,
            [SiloSetup.KubernetesKey] = kubernetes ? "true" : "false",
        }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UseUnitGrainsClustering(configuration));
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<SiloOptions>>().Value;
    }

    [Fact]
    public void On_kubernetes_a_silo_is_named_after_its_pod_and_elsewhere_not()
    {
        // What the pod spec passes down (deploy/kubernetes/silo.yaml): read from the environment.
        Environment.SetEnvironmentVariable("POD_NAME", "unitgrains-silo-7d9f-x2k4q");
        Environment.SetEnvironmentVariable("POD_NAMESPACE", "unitgrains");
        Environment.SetEnvironmentVariable("POD_IP", "10.1.2.3");
        try
        {
            Assert.Equal("unitgrains-silo-7d9f-x2k4q", SiloOptionsWith(kubernetes: true).SiloName);
            Assert.NotEqual("unitgrains-silo-7d9f-x2k4q", SiloOptionsWith(kubernetes: false).SiloName);
        }
        finally
        {
            Environment.SetEnvironmentVariable("POD_NAME", null);
            Environment.SetEnvironmentVariable("POD_NAMESPACE", null);
            Environment.SetEnvironmentVariable("POD_IP", null);
        }
    }
}
