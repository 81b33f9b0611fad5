namespace UnitGrains.Gateway.Http;

/// <summary>
/// The web dashboard: static files of <c>wwwroot</c> (vanilla JS modules, uPlot vendored) served at
/// <c>/</c>. It reads only the public JSON API and the live stream, like any other client.
/// </summary>
public static class Dashboard
{
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Modules and styles change with each release; revalidating is cheap and never shows a stale page.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
