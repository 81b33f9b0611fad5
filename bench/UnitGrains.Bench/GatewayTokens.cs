using System.Collections.Concurrent;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using UnitGrains.Gateway.Auth;

namespace UnitGrains.Bench;

/// <summary>
/// Officer tokens for every unit a simulation writes to, signed with the gateway's key: the one
/// given (<c>--signing-key</c>, or <c>UnitGrains__Auth__SigningKey</c>), else the per-user
/// development key file a Development gateway uses. Minted by the gateway's own
/// <see cref="UnitTokens"/> (linked in, see the project file), one per unit, valid for a day.
/// </summary>
internal sealed class GatewayTokens
{
    private readonly SymmetricSecurityKey _key;
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    public GatewayTokens(string? signingKey)
    {
        var key = signingKey ?? Environment.GetEnvironmentVariable("UnitGrains__Auth__SigningKey");
        if (string.IsNullOrWhiteSpace(key))
        {
            key = File.Exists(SigningKeys.DevelopmentKeyFile)
                ? File.ReadAllText(SigningKeys.DevelopmentKeyFile).Trim()
                : throw new InvalidOperationException($"No signing key: pass --signing-key (the gateway's UnitGrains:Auth:SigningKey), or run a Development gateway once so {SigningKeys.DevelopmentKeyFile} exists.");
        }

        _key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
    }

    public string OfficerOf(string unit) =>
        _tokens.GetOrAdd(unit, u => UnitTokens.Mint(_key, new AuthOptions(), new UnitCaller(u, UnitRole.Officer), DateTimeOffset.UtcNow, TimeSpan.FromDays(1)));
}
