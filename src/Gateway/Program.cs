using UnitGrains.Gateway;
using UnitGrains.Gateway.Api;
using UnitGrains.Gateway.Auth;
using UnitGrains.Gateway.Http;
using UnitGrains.Gateway.Live;
using UnitGrains.Hosting;

if (TokenCommand.Matches(args))
{
    return TokenCommand.Run(args, TimeProvider.System);
}

args = SimulationSwitches.Expand(args);
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, CommandLine.Switches);
builder.AddUnitGrainsCluster();
builder.AddUnitGrainsHttp();
builder.AddUnitGrainsLive();
builder.AddUnitGrainsAuth();
builder.AddUnitGrainsApiDocument();

var app = builder.Build();
app.UseUnitGrainsHttp();
app.UseOperatorPorts();
app.UseDashboard();
app.UseUnitGrainsAuth();
app.UseUnitKeys();
app.MapUnitGrainsHealth();
app.MapOperatorSurface();
app.MapUnitGrainsApiDocument();
app.MapUnitsApi();
app.MapPlansApi();
app.MapTasksApi();
app.MapReportsApi();
app.MapDutiesApi();
app.MapScoresApi();
app.MapLiveApi();
app.MapConsolidatedReportsApi();
app.AnnounceUrls();
app.Run();
return 0;

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
