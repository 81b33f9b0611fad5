using Microsoft.AspNetCore.ResponseCompression;

namespace UnitGrains.Gateway.Http;

/// <summary>
/// The web dashboard: static files of <c>wwwroot</c> (vanilla JS modules, uPlot and oidc-client-ts
/// vendored) served at <c>/</c>, compressed (Brotli, else gzip). It reads only the public JSON API
/// and the live stream, like any other client.
/// </summary>
public static class Dashboard
{
    /// <summary>
    /// Only the dashboard's own files are compressed: they hold nothing secret, while API answers
    /// are small, already fast to send, and the live stream must never be buffered by a compressor.
    /// </summary>
    private static readonly string[] CompressedTypes = ["text/html", "text/css", "text/javascript", "application/javascript"];

    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = CompressedTypes;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        return builder;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Modules and styles change with each release; revalidating is cheap and never shows a stale page.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
