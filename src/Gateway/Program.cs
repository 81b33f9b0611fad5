using UnitGrains.Gateway;
using UnitGrains.Gateway.Api;
using UnitGrains.Gateway.Http;
using UnitGrains.Gateway.Live;
using UnitGrains.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, CommandLine.Switches);
builder.AddUnitGrainsCluster();
builder.AddUnitGrainsHttp();
builder.AddUnitGrainsLive();

var app = builder.Build();
app.UseUnitGrainsHttp();
app.UseDashboard();
app.MapUnitGrainsHealth();
app.MapUnitGrainsDashboard();
app.MapUnitGrainsMetrics();
app.MapUnitsApi();
app.MapPlansApi();
app.MapTasksApi();
app.MapReportsApi();
app.MapScoresApi();
app.MapLiveApi();
app.AnnounceUrls();
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
