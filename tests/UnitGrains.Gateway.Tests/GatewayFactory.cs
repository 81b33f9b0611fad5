using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using UnitGrains.Gateway.Auth;
using UnitGrains.Hosting;
using UnitGrains.Tests.Shared;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// The real gateway — embedded silo, the July 2025 hierarchy seeded from the shipped lists, the
/// seed plans imported — behind the in-memory test server, on free loopback ports so it never
/// meets a gateway a developer is running. One instance is shared by the collection; every test
/// works on its own units or campaign years so none depends on another's data.
/// Access control is on, with a signing key of the tests' own: <see cref="CreateClient"/> gives a
/// client that carries a scoped token per request (see <see cref="ScopedTokenHandler"/>),
/// <see cref="CreateAnonymousClient"/> one that carries none.
/// </summary>
public class GatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Configuration a derived factory changes (a gateway with other timings, say).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    public const string SigningKey = "unitgrains-gateway-tests-signing-key-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:SiloPort", HostProcess.FreePort().ToString());
        builder.UseSetting("Orleans:GatewayPort", HostProcess.FreePort().ToString());

        // App configuration, so it wins over appsettings.Development.json (which opens anonymous reads).
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UnitGrains:Auth:SigningKey"] = SigningKey,
            ["UnitGrains:Auth:AnonymousReads"] = AnonymousReads ? "true" : "false",
        }));
        if (AnonymousReads)
        {
            // The second gateway of the run only reads units: the seed plans would cost time for nothing.
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["UnitGrains:ImportSeedPlans"] = "false" }));
        }

        // Every test client comes from one address (the in-memory server has none): it stands for
        // thousands of browsers. LiveStreamLimitsTests sets the bound it tests.
        builder.UseSetting("UnitGrains:Live:MaxStreamsPerClient", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Whether anonymous GETs read as a national viewer (the development run's setting); off here.</summary>
    protected virtual bool AnonymousReads => false;

    /// <summary>A client whose requests carry the token a legitimate caller would send: an officer of the unit a write targets, a national viewer for reads.</summary>
    public new HttpClient CreateClient() => CreateDefaultClient(new ScopedTokenHandler(this));

    /// <summary>A client that sends no token unless a test sets one.</summary>
    public HttpClient CreateAnonymousClient() => base.CreateClient();

    /// <summary>A token of this gateway's key (or of <paramref name="key"/>), issued <paramref name="issuedAt"/> (default now) for <paramref name="lifetime"/> (default an hour).</summary>
    public string Token(string unit, UnitRole role, DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null, string? key = null) =>
        UnitTokens.Mint(
            key is null ? Services.GetRequiredService<TokenKey>().Key : new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key)),
            Services.GetRequiredService<IOptions<AuthOptions>>().Value,
            new UnitCaller(unit, role),
            issuedAt ?? DateTimeOffset.UtcNow,
            lifetime ?? TimeSpan.FromHours(1));

    /// <summary>Starts the host and waits until seeding is done, so tests never race it.</summary>
    public async Task InitializeAsync()
    {
        _ = Server;
        var seeded = await Services.GetRequiredService<SeedStatus>().Finished.WaitAsync(TimeSpan.FromMinutes(2));
        if (seeded.State == SeedStatus.SeedState.Failed)
        {
            throw new InvalidOperationException($"Seeding failed: {seeded.Error}");
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFactory>
{
    public const string Name = "gateway";
}
