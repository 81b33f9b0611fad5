using System.Net.Http.Headers;
using System.Text.Json;
using UnitGrains.Domain;
using UnitGrains.Gateway.Auth;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// Attaches the token a legitimate caller of each request would hold, so the resource tests test
/// resources, not access: writes go with an officer of the unit they address (the path's code, or a
/// plan file's <c>unit</c>), reads with a national viewer. A request that already carries an
/// Authorization header is left alone. A write to a malformed code goes with a national officer's
/// token (no token can name a malformed unit), so the gateway's 400 for the code is what is tested.
/// </summary>
internal sealed class ScopedTokenHandler(GatewayFactory factory) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null)
        {
            var caller = HttpMethod.Get == request.Method || HttpMethod.Head == request.Method
                ? new UnitCaller("VN", UnitRole.Viewer)
                : new UnitCaller(await TargetAsync(request) is { } unit && UnitCode.IsWellFormed(unit) ? unit : "VN", UnitRole.Officer);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token(caller.Unit, caller.Role));
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private static async Task<string?> TargetAsync(HttpRequestMessage request)
    {
        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["api", "units", var code, ..])
        {
            return Uri.UnescapeDataString(code);
        }

        if (request.Content is null)
        {
            return null;
        }

        try
        {
            using var body = JsonDocument.Parse(await request.Content.ReadAsStringAsync());
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("unit", out var unit) && unit.ValueKind == JsonValueKind.String
                ? unit.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
