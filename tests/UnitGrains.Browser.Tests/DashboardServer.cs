using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UnitGrains.Hosting;
using UnitGrains.Tests.Shared;

namespace UnitGrains.Browser.Tests;

/// <summary>
/// The real gateway on a free loopback port (Kestrel, not the in-memory test server: a browser
/// needs a socket) with its embedded silo and the July 2025 hierarchy, and Debian's Chromium
/// driven by Playwright. Chromium is the system's (<c>/usr/bin/chromium</c>; scripts/test.sh
/// installs it): Playwright's own browser downloads are not used.
/// </summary>
public sealed class DashboardServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public Uri Address { get; } = new($"http://127.0.0.1:{HostProcess.FreePort()}");

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Where screenshots go: artifacts/screenshots at the repository root (git-ignored).</summary>
    public static string Screenshots { get; } = Path.Combine(Repo.Root, "artifacts", "screenshots");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:SiloPort", HostProcess.FreePort().ToString());
        builder.UseSetting("Orleans:GatewayPort", HostProcess.FreePort().ToString());

        // The browser reads anonymously (the development run's setting); the test's writes carry tokens of this key.
        builder.UseSetting("UnitGrains:Auth:SigningKey", ScopedTokens.SigningKey);
        builder.UseSetting("UnitGrains:Auth:AnonymousReads", "true");

        // Officials sign in at a real OpenID Connect provider (dev/oidc), started before the gateway.
        builder.UseSetting("UnitGrains:Auth:Oidc:Authority", Provider.Issuer);
    }

    /// <summary>The development OpenID Connect provider, sending codes back to this dashboard.</summary>
    public OidcProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync(Address.ToString());
        UseKestrel(Address.Port);
        StartServer();
        Http = new HttpClient(new ScopedTokens()) { BaseAddress = Address };
        var seeded = await Services.GetRequiredService<SeedStatus>().Finished.WaitAsync(TimeSpan.FromMinutes(2));
        if (seeded.State == SeedStatus.SeedState.Failed)
        {
            throw new InvalidOperationException($"Seeding failed: {seeded.Error}");
        }

        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        await DisposeAsync();
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardServer>
{
    public const string Name = "dashboard";
}
