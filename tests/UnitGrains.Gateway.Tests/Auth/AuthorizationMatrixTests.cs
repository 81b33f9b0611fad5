using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UnitGrains.Gateway.Auth;

namespace UnitGrains.Gateway.Tests.Auth;

/// <summary>
/// Access control through the HTTP pipeline, on province 04 (Cao Bằng), which no other test
/// writes to. The caller's unit is commune 01273; each role reads (GET the unit) and writes (PUT
/// its 2024 plan) a unit of each relation to it, and gets 200, 401 or 403 — a refused write
/// stores nothing. Tokens that are missing, expired, forged or garbage are 401.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthorizationMatrixTests(GatewayFactory factory)
{
    private const int Year = TestData.PastYear;

    private readonly HttpClient _anonymous = factory.CreateAnonymousClient();

    private readonly HttpClient _http = factory.CreateClient();

    // relation → target, seen from commune 01273 of province 04.
    private static readonly Dictionary<string, string> Targets = new()
    {
        ["self"] = "01273",
        ["child"] = "01273-PVHXH",
        ["parent"] = "04",
        ["sibling"] = "01279",
        ["unrelated province"] = "08",
        ["nation"] = "VN",
    };

    public static TheoryData<string, string, UnitAccess, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<string, string, UnitAccess, HttpStatusCode>();
        void Row(string who, string relation, HttpStatusCode read, HttpStatusCode write)
        {
            data.Add(who, relation, UnitAccess.Read, read);
            data.Add(who, relation, UnitAccess.Write, write);
        }

        const HttpStatusCode ok = HttpStatusCode.OK, forbidden = HttpStatusCode.Forbidden, anonymous = HttpStatusCode.Unauthorized;
        Row("officer", "self", ok, ok);
        Row("officer", "child", ok, forbidden);
        Row("officer", "parent", forbidden, forbidden);
        Row("officer", "sibling", forbidden, forbidden);
        Row("officer", "unrelated province", forbidden, forbidden);
        Row("officer", "nation", forbidden, forbidden);
        Row("consolidator", "self", ok, ok);
        Row("consolidator", "child", ok, forbidden);
        // A commune is not an office: "consolidator" on it reads its own subtree only.
        Row("consolidator", "parent", forbidden, forbidden);
        Row("consolidator", "sibling", forbidden, forbidden);
        Row("consolidator", "unrelated province", forbidden, forbidden);
        Row("consolidator", "nation", forbidden, forbidden);
        Row("viewer", "self", ok, forbidden);
        Row("viewer", "child", ok, forbidden);
        Row("viewer", "parent", forbidden, forbidden);
        Row("viewer", "sibling", forbidden, forbidden);
        Row("viewer", "unrelated province", forbidden, forbidden);
        Row("viewer", "nation", forbidden, forbidden);
        Row("national viewer", "self", ok, forbidden);
        Row("national viewer", "child", ok, forbidden);
        Row("national viewer", "parent", ok, forbidden);
        Row("national viewer", "sibling", ok, forbidden);
        Row("national viewer", "unrelated province", ok, forbidden);
        Row("national viewer", "nation", ok, forbidden);
        foreach (var relation in Targets.Keys)
        {
            Row("anonymous", relation, anonymous, anonymous);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Role_and_relation_decide_the_status(string who, string relation, UnitAccess access, HttpStatusCode expected)
    {
        var target = Targets[relation];
        var token = who switch
        {
            "anonymous" => null,
            "national viewer" => factory.Token("VN", UnitRole.Viewer),
            _ => factory.Token("01273", Enum.Parse<UnitRole>(who, ignoreCase: true)),
        };
        var title = $"Kế hoạch của {who} cho {relation} {Guid.NewGuid():N}";
        using var request = access == UnitAccess.Read
            ? new HttpRequestMessage(HttpMethod.Get, $"/api/units/{target}")
            : new HttpRequestMessage(HttpMethod.Put, TestData.PlanUrl(target, Year)) { Content = JsonContent.Create(TestData.Plan(Year, title)) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await _anonymous.SendAsync(request);

        if (expected == HttpStatusCode.OK)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who} {access} {relation}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            await Problem.AssertAsync(response, expected, expected == HttpStatusCode.Unauthorized ? "unauthenticated" : "out_of_scope");
        }

        if (access == UnitAccess.Write && expected != HttpStatusCode.OK)
        {
            // Refused means nothing stored: the plan, if any, is not the one just sent.
            var stored = await _http.GetAsync(TestData.PlanUrl(target, Year));
            if (stored.StatusCode == HttpStatusCode.OK)
            {
                var plan = await stored.Content.ReadFromJsonAsync<JsonObject>();
                Assert.DoesNotContain(title, (string?)plan!["plan"]?["title"] ?? string.Empty);
            }
        }
    }

    [Fact]
    public async Task A_department_of_the_province_reads_the_province_and_writes_its_own_plan_only()
    {
        var token = factory.Token("04-SNV", UnitRole.Consolidator);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/api/units/04", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/api/units/01279/children", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Put, TestData.PlanUrl("04-SNV", Year), token, TestData.Plan(Year))).StatusCode);
        await Problem.AssertAsync(await Send(HttpMethod.Put, TestData.PlanUrl("04", Year), token, TestData.Plan(Year)), HttpStatusCode.Forbidden, "out_of_scope");
        await Problem.AssertAsync(await Send(HttpMethod.Get, "/api/units/08", token), HttpStatusCode.Forbidden, "out_of_scope");
    }

    [Fact]
    public async Task Plan_import_is_a_write_to_the_files_unit()
    {
        var file = TestData.PlanFile("01279", Year);
        await Problem.AssertAsync(await Send(HttpMethod.Post, "/api/plans/import", factory.Token("01273", UnitRole.Officer), file), HttpStatusCode.Forbidden, "out_of_scope");
        await Problem.AssertAsync(await Send(HttpMethod.Post, "/api/plans/import", null, file), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl("01279", Year)), HttpStatusCode.NotFound, "plan_not_found");
    }

    public static TheoryData<string> BadCredentials => new()
    {
        "expired",
        "other key",
        "garbage",
        "basic",
        "empty bearer",
        "query string",
    };

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task A_token_that_is_not_a_valid_one_of_this_gateway_is_a_401(string kind)
    {
        var path = "/api/units/01273";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        switch (kind)
        {
            case "expired":
                request.Headers.Authorization = new("Bearer", factory.Token("01273", UnitRole.Officer, DateTimeOffset.UtcNow.AddHours(-3), TimeSpan.FromHours(1)));
                break;
            case "other key":
                request.Headers.Authorization = new("Bearer", factory.Token("01273", UnitRole.Officer, key: "another-key-that-is-long-enough-to-sign-0123456789"));
                break;
            case "garbage":
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer not.a.jwt");
                break;
            case "basic":
                request.Headers.Authorization = new("Basic", Convert.ToBase64String("officer:secret"u8.ToArray()));
                break;
            case "empty bearer":
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer ");
                break;
            case "query string":
                // Only live subscriptions (…/live) may carry the token in the query.
                request.RequestUri = new Uri($"{path}?access_token={factory.Token("01273", UnitRole.Officer)}", UriKind.Relative);
                break;
        }

        var response = await _anonymous.SendAsync(request);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_with_a_tampered_role_is_a_401()
    {
        var parts = factory.Token("01273", UnitRole.Viewer).Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("\"viewer\"", "\"officer\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var response = await Send(HttpMethod.Put, TestData.PlanUrl("01273", 2023), forged, TestData.Plan(2023));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Health_needs_no_token()
    {
        var response = await _anonymous.GetAsync("/health/live");
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string url, string? token, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _anonymous.SendAsync(request);
    }
}
