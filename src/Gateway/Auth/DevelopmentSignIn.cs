using System.Diagnostics;

namespace UnitGrains.Gateway.Auth;

/// <summary>
/// The development run's sign-in (<c>UnitGrains:Auth:DevelopmentProvider=true</c>, set by
/// <c>dotnet run</c>'s launch profile): starts the repository's OpenID Connect provider
/// (<c>dev/oidc</c>, oidc-provider on Node) beside the gateway and points the gateway at it, so a
/// new user can sign in as a commune officer without setting anything up. It stops with the
/// gateway. Without Node the gateway runs on without sign-in and says so; tests and deployments
/// name their provider in <c>UnitGrains:Auth:Oidc:Authority</c> instead.
/// </summary>
public static class DevelopmentSignIn
{
    public const string Key = "UnitGrains:Auth:DevelopmentProvider";
    public const string PortKey = "UnitGrains:Auth:DevelopmentProviderPort";

    public static WebApplicationBuilder AddDevelopmentSignIn(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!configuration.GetValue<bool>(Key) || !string.IsNullOrWhiteSpace(configuration[$"{AuthOptions.Section}:Oidc:Authority"]))
        {
            return builder;
        }

        var folder = FindProviderFolder(builder.Environment.ContentRootPath);
        if (folder is null)
        {
            Console.Error.WriteLine("Sign-in is off: dev/oidc/provider.mjs was not found above the gateway's folder.");
            return builder;
        }

        var port = configuration.GetValue(PortKey, 8090);
        var authority = $"http://localhost:{port}";
        var redirects = RedirectUris(configuration["urls"] ?? "http://localhost:8080");
        var provider = Start(folder, port, authority, redirects);
        if (provider is null)
        {
            return builder;
        }

        configuration[$"{AuthOptions.Section}:Oidc:Authority"] = authority;
        builder.Services.AddHostedService(_ => new ProviderLifetime(provider));
        Console.WriteLine($"Development sign-in: {authority} (accounts officer@26278, consolidator@75-SNV, officer@75, viewer@VN; any password)");
        return builder;
    }

    /// <summary>The dashboard's address on each URL the gateway listens on, by name and by loopback address, as the browser may open either.</summary>
    internal static IReadOnlyList<string> RedirectUris(string urls) =>
        [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => new Uri(u.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)))
            .SelectMany(u => new[] { u, new UriBuilder(u) { Host = u.IsLoopback && u.Host == "localhost" ? "127.0.0.1" : u.Host }.Uri })
            .Select(u => u.GetLeftPart(UriPartial.Authority) + "/")
            .Distinct()];

    private static string? FindProviderFolder(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "dev", "oidc");
            if (File.Exists(Path.Combine(candidate, "provider.mjs")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static Process? Start(string folder, int port, string authority, IReadOnlyList<string> redirects)
    {
        try
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
            {
                Console.WriteLine("Installing the development OpenID Connect provider (npm ci in dev/oidc)…");
                using var install = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = folder });
                install!.WaitForExit();
                if (install.ExitCode != 0)
                {
                    Console.Error.WriteLine("Sign-in is off: npm ci in dev/oidc failed.");
                    return null;
                }
            }

            var keys = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".unitgrains", "dev-oidc-keys.json");
            Directory.CreateDirectory(Path.GetDirectoryName(keys)!);
            var start = new ProcessStartInfo("node", ["provider.mjs"]) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["OIDC_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["OIDC_ISSUER"] = authority;
            start.Environment["OIDC_REDIRECT_URIS"] = string.Join(',', redirects);
            start.Environment["OIDC_KEYS"] = keys;
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!WaitUntilServing(authority, process))
            {
                Console.Error.WriteLine($"Sign-in is off: the development provider did not answer on {authority}.");
                process.Kill(entireProcessTree: true);
                return null;
            }

            return process;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine("Sign-in is off: Node.js (node, npm) is needed for the development OpenID Connect provider.");
            return null;
        }
    }

    private static bool WaitUntilServing(string authority, Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if (http.GetAsync($"{authority}/.well-known/openid-configuration").GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Thread.Sleep(200);
        }

        return false;
    }

    /// <summary>Stops the provider with the gateway.</summary>
    private sealed class ProviderLifetime(Process provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            if (!provider.HasExited)
            {
                provider.Kill(entireProcessTree: true);
            }

            provider.Dispose();
            return Task.CompletedTask;
        }
    }
}
