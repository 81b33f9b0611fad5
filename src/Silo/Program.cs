using UnitGrains.Hosting;
using UnitGrains.Placement;

// The dedicated silo host for clusters. It runs the same silo configuration as the gateway's
// embedded silo (UnitGrains.Hosting.SiloSetup) and serves health, the Orleans dashboard and
// Prometheus metrics over HTTP.
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, CommandLine.Switches);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://localhost:8081");
builder.UseOrleans(silo => silo.AddUnitGrains(builder.Configuration).UseUnitGrainsClustering(builder.Configuration));
builder.Services.AddHierarchySeeding(builder.Configuration);
builder.Services.AddUnitGrainsHealth();
builder.AddUnitGrainsTelemetry("unitgrains-silo");

var app = builder.Build();
app.MapUnitGrainsHealth();
app.MapUnitGrainsDashboard();
app.MapUnitGrainsMetrics();
app.MapUnitGrainsActivations();
app.Run();
