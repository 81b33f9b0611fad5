using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using UnitGrains.Gateway.Auth;

namespace UnitGrains.Tests.Shared;

/// <summary>
/// Attaches the token a legitimate caller would send: an officer of the unit a write targets, a
/// national viewer for reads — minted with the key the gateways under test are given. Shared as a
/// linked source file by the test projects that drive a gateway over real HTTP.
/// </summary>
public sealed class ScopedTokens() : DelegatingHandler(new HttpClientHandler())
{
    public const string SigningKey = "unitgrains-tests-signing-key-0123456789-abcdef";

    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes(SigningKey));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var caller = request.Method == HttpMethod.Get
            ? new UnitCaller("VN", UnitRole.Viewer)
            : new UnitCaller(TargetUnit(request.RequestUri!), UnitRole.Officer);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", UnitTokens.Mint(Key, new AuthOptions(), caller, DateTimeOffset.UtcNow, TimeSpan.FromHours(1)));
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>"/api/units/18229/plans/2026/tasks" → "18229".</summary>
    private static string TargetUnit(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["api", "units", var code, ..] ? code : throw new ArgumentException($"No unit in {uri}");
    }
}
