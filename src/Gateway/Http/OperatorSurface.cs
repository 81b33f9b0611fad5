using UnitGrains.Hosting;

namespace UnitGrains.Gateway.Http;

/// <summary>
/// Where the gateway listens: the API on its URLs, and the operators' surface — the Orleans
/// dashboard and Prometheus metrics — on a management URL of its own
/// (<c>UnitGrains:Management:Urls</c>, e.g. <c>http://127.0.0.1:9090</c>), never on the API port
/// outside Development. Without a management URL, Development serves them on the API port (the
/// one-command run) and every other environment does not serve them. A Production configuration
/// whose management URL shares a port with the API is refused at start.
/// </summary>
public static class OperatorSurface
{
    public const string ManagementUrlsKey = "UnitGrains:Management:Urls";

    private const string DefaultApiUrl = "http://localhost:8080";

    /// <summary>
    /// A management port serves the operators and health, nothing else: the API and the public
    /// dashboard answer 404 there (so the API's access rules are not bypassed, and nothing of the
    /// operators' leaks to the API port). A port that is also an API port (Development only) is
    /// left as it is.
    /// </summary>
    public static WebApplication UseOperatorPorts(this WebApplication app)
    {
        var ports = ManagementPorts(app.Configuration);
        ports.ExceptWith(ApiUrls(app.Configuration).Select(PortOf));
        if (ports.Count > 0)
        {
            app.Use((context, next) =>
            {
                var path = context.Request.Path;
                if (ports.Contains(context.Connection.LocalPort)
                    && !path.StartsWithSegments(OperatorDashboard.Path) && !path.StartsWithSegments(Telemetry.MetricsPath) && !path.StartsWithSegments("/health"))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            });
        }

        return app;
    }

    public static WebApplication MapOperatorSurface(this WebApplication app)
    {
        var managementPorts = ManagementPorts(app.Configuration);
        if (managementPorts.Count == 0)
        {
            if (app.Environment.IsDevelopment())
            {
                app.MapUnitGrainsDashboard();
                app.MapUnitGrainsMetrics();
            }
            else
            {
                app.Logger.LogWarning("The Orleans dashboard and /metrics are not served: set {Key} (e.g. http://127.0.0.1:9090) to serve them on a management port", ManagementUrlsKey);
            }

            return app;
        }

        var shared = ApiUrls(app.Configuration).Select(PortOf).Where(managementPorts.Contains).ToList();
        if (shared.Count > 0 && !app.Environment.IsDevelopment())
        {
            throw new InvalidOperationException($"{ManagementUrlsKey} shares port {shared[0]} with the API: the dashboard and metrics would be public. Give the management URL a port of its own.");
        }

        var operators = app.MapGroup(string.Empty).RequireHost([.. managementPorts.Select(p => $"*:{p}")]);
        operators.MapUnitGrainsDashboard();
        operators.MapUnitGrainsMetrics();
        return app;
    }

    /// <summary>Listens on the API URLs (<c>http://localhost:8080</c> unless configured) and the management URLs, and prints where.</summary>
    public static WebApplication AnnounceUrls(this WebApplication app)
    {
        var management = Urls(app.Configuration[ManagementUrlsKey]);
        var explicitPorts = !string.IsNullOrEmpty(app.Configuration["http_ports"]) && string.IsNullOrEmpty(app.Configuration["urls"]);
        var api = ApiUrls(app.Configuration);
        if (management.Count > 0 || string.IsNullOrEmpty(app.Configuration["urls"]))
        {
            // Configured URLs are taken only while the server's list is empty: list them all here.
            foreach (var url in explicitPorts ? [] : api.Concat(management))
            {
                app.Urls.Add(url);
            }
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls.Where(u => !management.Contains(u)))
            {
                Console.WriteLine($"UnitGrains gateway listening on {url}  (dashboard: {url.TrimEnd('/')}/, API: {url.TrimEnd('/')}/api/units/VN)");
            }

            foreach (var url in management)
            {
                Console.WriteLine($"Operators: {url.TrimEnd('/')}{OperatorDashboard.Path}/ and {url.TrimEnd('/')}/metrics");
            }
        });
        return app;
    }

    private static HashSet<int> ManagementPorts(IConfiguration configuration) =>
        [.. Urls(configuration[ManagementUrlsKey]).Select(PortOf)];

    private static IReadOnlyList<string> ApiUrls(IConfiguration configuration) =>
        Urls(configuration["urls"]) is { Count: > 0 } urls ? urls : [DefaultApiUrl];

    private static IReadOnlyList<string> Urls(string? list) =>
        (list ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int PortOf(string url) =>
        BindingAddress.Parse(url).Port;
}
