using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace UnitGrains.Tests.Shared;

/// <summary>
/// The repository's development OpenID Connect provider (<c>dev/oidc</c>: oidc-provider on Node) as
/// a real process on a free loopback port, and an official signing in to it the way a browser does:
/// the authorization-code flow with PKCE through the provider's login form. scripts/test.sh installs
/// its npm packages before the tests run.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "unitgrains-dashboard";
    public const string Scope = "openid profile unitgrains";

    private readonly string _keys = Path.Combine(Path.GetTempPath(), $"unitgrains-oidc-{Guid.NewGuid():N}.json");
    private readonly IReadOnlyList<string> _redirects;
    private HostProcess? _process;

    private OidcProvider(int port, IReadOnlyList<string> redirects)
    {
        Port = port;
        _redirects = redirects;
    }

    public int Port { get; }

    public string Issuer => $"http://localhost:{Port}";

    public static string Folder { get; } = Path.Combine(Repo.Root, "dev", "oidc");

    /// <summary>Starts the provider; <paramref name="redirects"/> are the dashboard addresses it may send a code back to.</summary>
    public static async Task<OidcProvider> StartAsync(params string[] redirects)
    {
        var provider = new OidcProvider(HostProcess.FreePort(), redirects.Length > 0 ? redirects : ["http://localhost/"]);
        await provider.RunAsync(rotate: false);
        return provider;
    }

    /// <summary>Restarts the provider with a new signing key first (the old ones still published), as at a key rotation.</summary>
    public async Task RotateKeysAsync()
    {
        await _process!.StopAsync();
        await _process.DisposeAsync();
        await RunAsync(rotate: true);
    }

    private async Task RunAsync(bool rotate)
    {
        Assert.True(Directory.Exists(Path.Combine(Folder, "node_modules", "oidc-provider")), $"npm ci has not been run in {Folder} (scripts/test.sh does it)");
        var start = new ProcessStartInfo("node", ["provider.mjs"]) { WorkingDirectory = Folder };
        start.Environment["OIDC_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OIDC_ISSUER"] = Issuer;
        start.Environment["OIDC_REDIRECT_URIS"] = string.Join(',', _redirects);
        start.Environment["OIDC_KEYS"] = _keys;
        start.Environment["OIDC_ROTATE"] = rotate ? "1" : "0";
        _process = HostProcess.Start("oidc-provider", start);
        using var http = new HttpClient();
        await _process.WaitUntilOkAsync(http, $"{Issuer}/.well-known/openid-configuration", TimeSpan.FromSeconds(30));
    }

    /// <summary>The key ids the provider publishes, the signing one first.</summary>
    public async Task<IReadOnlyList<string>> KeyIdsAsync()
    {
        using var http = new HttpClient();
        var jwks = JsonNode.Parse(await http.GetStringAsync($"{Issuer}/jwks"))!;
        return [.. jwks["keys"]!.AsArray().Select(k => (string)k!["kid"]!)];
    }

    /// <summary>Signs in as <paramref name="account"/> (e.g. <c>officer@26278</c>) through the login form and answers the access token.</summary>
    public async Task<string> SignInAsync(string account)
    {
        var redirect = _redirects[0];
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler);

        var authorize = $"{Issuer}/auth?client_id={ClientId}&response_type=code&scope={Uri.EscapeDataString(Scope)}&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={challenge}&code_challenge_method=S256&state=s";
        var login = await RedirectAsync(http.GetAsync(authorize));
        var resume = await RedirectAsync(http.PostAsync(login, new FormUrlEncodedContent(new Dictionary<string, string> { ["prompt"] = "login", ["login"] = account, ["password"] = "any" })));
        var back = await RedirectAsync(http.GetAsync(resume));
        Assert.StartsWith(redirect, back.ToString(), StringComparison.Ordinal);
        var code = System.Web.HttpUtility.ParseQueryString(back.Query)["code"];
        Assert.False(string.IsNullOrEmpty(code), $"no code in {back}");

        var token = await http.PostAsync($"{Issuer}/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code!,
            ["redirect_uri"] = redirect,
            ["client_id"] = ClientId,
            ["code_verifier"] = verifier,
        }));
        var body = await token.Content.ReadAsStringAsync();
        Assert.True(token.IsSuccessStatusCode, $"token endpoint: {(int)token.StatusCode} {body}");
        return (string)JsonNode.Parse(body)!["access_token"]!;
    }

    private async Task<Uri> RedirectAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.True((int)response.StatusCode is >= 300 and < 400, $"expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{_process?.Output}");
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location : new Uri(new Uri(Issuer), location);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        File.Delete(_keys);
    }
}
