using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using UnitGrains.Gateway.Auth;
using UnitGrains.Tests.Shared;

namespace UnitGrains.Gateway.Tests.Auth;

/// <summary>A gateway that accepts the tokens of a real OpenID Connect provider, on Đồng Nai (75) alone.</summary>
public sealed class OidcGatewayFactory(string authority) : GatewayFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("UnitGrains:Auth:Oidc:Authority", authority),
        new("UnitGrains:Provinces", "75"),
        new("UnitGrains:ImportSeedPlans", "false"),
    ];
}

/// <summary>The provider (dev/oidc, oidc-provider on Node) and the gateway trusting it, started in that order.</summary>
public sealed class OidcFixture : IAsyncLifetime
{
    public OidcProvider Provider { get; private set; } = null!;

    public OidcGatewayFactory Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync();
        Gateway = new OidcGatewayFactory(Provider.Issuer);
        await Gateway.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// Sign-in with OpenID Connect: officials sign in at the provider (authorization code + PKCE) and
/// the gateway takes the provider's access tokens — unit and role from its claims, keys from its
/// JWKS, a rotated key picked up — beside its own development tokens; forged tokens are refused.
/// </summary>
public sealed class OidcSignInTests(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    private const int Year = 2026;
    private const string Commune = "26278";
    private const string OtherCommune = "26281";

    private HttpClient Client(string? token)
    {
        var http = fixture.Gateway.CreateAnonymousClient();
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static Task<HttpResponseMessage> PutPlanAsync(HttpClient http, string unit) =>
        http.PutAsync(TestData.PlanUrl(unit, Year), TestData.Json(TestData.Plan(Year).ToJsonString()));

    [Fact]
    public async Task A_commune_officer_signed_in_at_the_provider_writes_to_the_commune_and_nowhere_else()
    {
        var token = await fixture.Provider.SignInAsync($"officer@{Commune}");
        using var http = Client(token);

        Assert.True((await PutPlanAsync(http, Commune)).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(TestData.PlanUrl(Commune, Year))).StatusCode);
        await Problem.AssertAsync(await PutPlanAsync(http, OtherCommune), HttpStatusCode.Forbidden, "out_of_scope");
        Assert.Equal(HttpStatusCode.NotFound, (await Client(fixture.Gateway.Token(OtherCommune, UnitRole.Viewer)).GetAsync(TestData.PlanUrl(OtherCommune, Year))).StatusCode);
    }

    [Fact]
    public async Task A_national_viewer_reads_everything_and_writes_nothing()
    {
        using var http = Client(await fixture.Provider.SignInAsync("viewer@VN"));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/units/75/scores")).StatusCode);
        await Problem.AssertAsync(await PutPlanAsync(http, Commune), HttpStatusCode.Forbidden, "out_of_scope");
    }

    [Fact]
    public async Task The_province_office_reads_its_inbox()
    {
        using var http = Client(await fixture.Provider.SignInAsync("consolidator@75-SNV"));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/units/75-SNV/inbox/{Year}")).StatusCode);
        await Problem.AssertAsync(await PutPlanAsync(http, Commune), HttpStatusCode.Forbidden, "out_of_scope");
    }

    [Fact]
    public async Task The_development_tokens_still_work_beside_the_provider()
    {
        using var http = Client(fixture.Gateway.Token(Commune, UnitRole.Officer));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/units/{Commune}/duties/{Year}")).StatusCode);
    }

    [Fact]
    public async Task A_token_in_the_providers_name_signed_by_another_key_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var forged = Mint(new RsaSecurityKey(rsa) { KeyId = "forged" }, SecurityAlgorithms.RsaSha256);
        // The gateway's own HMAC key must not validate a token that claims to be the provider's.
        var confused = Mint(new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(GatewayFactory.SigningKey)), SecurityAlgorithms.HmacSha256);

        await Problem.AssertAsync(await PutPlanAsync(Client(forged), Commune), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problem.AssertAsync(await PutPlanAsync(Client(confused), Commune), HttpStatusCode.Unauthorized, "unauthenticated");

        string Mint(SecurityKey key, string algorithm) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = fixture.Provider.Issuer,
            Audience = "unitgrains-api",
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["unit"] = Commune, ["role"] = "officer", ["sub"] = "officer@26278" },
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    [Fact]
    public async Task A_key_rotated_at_the_provider_is_picked_up_and_the_old_key_still_holds_while_published()
    {
        var before = await fixture.Provider.SignInAsync($"officer@{Commune}");
        Assert.Equal(HttpStatusCode.OK, (await Client(before).GetAsync($"/api/units/{Commune}/duties/{Year}")).StatusCode);
        var oldKeys = await fixture.Provider.KeyIdsAsync();

        await fixture.Provider.RotateKeysAsync();
        var keys = await fixture.Provider.KeyIdsAsync();
        Assert.Equal(oldKeys, keys.Skip(1));
        var after = await fixture.Provider.SignInAsync($"officer@{Commune}");
        Assert.Equal(keys[0], new JsonWebToken(after).Kid);

        // A token naming a key the gateway has not seen makes it fetch the provider's keys again.
        var answers = new List<HttpStatusCode>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (answers.LastOrDefault() != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            answers.Add((await Client(after).GetAsync($"/api/units/{Commune}/duties/{Year}")).StatusCode);
            await Task.Delay(answers[^1] == HttpStatusCode.OK ? 0 : 200);
        }

        Assert.Equal(HttpStatusCode.OK, answers[^1]);
        Assert.Equal(HttpStatusCode.OK, (await Client(before).GetAsync($"/api/units/{Commune}/duties/{Year}")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_learns_where_to_sign_in_and_may_talk_to_the_provider()
    {
        var response = await Client(null).GetAsync("/api/about");

        var about = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(fixture.Provider.Issuer, about.GetProperty("signIn").GetProperty("authority").GetString());
        Assert.Equal(OidcProvider.ClientId, about.GetProperty("signIn").GetProperty("clientId").GetString());
        var page = await Client(null).GetAsync("/");
        Assert.Contains($"connect-src 'self' {fixture.Provider.Issuer}", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}

/// <summary>Providers name their claims as they like; the gateway reads them as unit and role.</summary>
public sealed class OidcClaimsTests
{
    [Fact]
    public void Configured_claim_names_become_unit_and_role_and_the_first_known_role_counts()
    {
        var options = new OidcOptions { Authority = "https://id.example.gov.vn", UnitClaim = "ma_don_vi", RoleClaim = "roles" };
        var identity = new ClaimsIdentity([new("ma_don_vi", "26278"), new("roles", "reader"), new("roles", "officer"), new("roles", "viewer"), new("unit", "VN")], "test");

        OidcTokens.Normalize(identity, options);

        Assert.Equal(["26278"], identity.FindAll("unit").Select(c => c.Value));
        Assert.Equal(["officer"], identity.FindAll("role").Select(c => c.Value));
        Assert.Equal(new UnitCaller("26278", UnitRole.Officer), UnitTokens.CallerOf(new ClaimsPrincipal(identity)));
    }

    [Fact]
    public void Without_a_known_role_there_is_no_caller()
    {
        var identity = new ClaimsIdentity([new("unit", "26278"), new("role", "admin")], "test");

        OidcTokens.Normalize(identity, new OidcOptions { Authority = "https://id.example.gov.vn" });

        Assert.Null(UnitTokens.CallerOf(new ClaimsPrincipal(identity)));
    }

    [Theory]
    [InlineData("http://id.example.gov.vn")]
    [InlineData("not a url")]
    [InlineData("ftp://localhost")]
    public void A_provider_not_reached_over_https_is_refused_at_start(string authority) =>
        Assert.Throws<InvalidOperationException>(() => new OidcOptions { Authority = authority }.Validate());

    [Theory]
    [InlineData("https://id.example.gov.vn/")]
    [InlineData("http://localhost:8090")]
    [InlineData("http://127.0.0.1:8090")]
    public void Https_or_this_machine_is_accepted(string authority)
    {
        var options = new OidcOptions { Authority = authority };

        options.Validate();

        Assert.Equal(authority.TrimEnd('/'), options.Issuer);
    }
}
