using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace UnitGrains.Gateway.Auth;

/// <summary>The token format: an HS256 JWT with claims <c>unit</c> and <c>role</c>, minted and validated here alone.</summary>
public static class UnitTokens
{
    public const string UnitClaim = "unit";
    public const string RoleClaim = "role";

    public static string Mint(SecurityKey key, AuthOptions options, UnitCaller caller, DateTimeOffset issuedAt, TimeSpan lifetime) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [UnitClaim] = caller.Unit,
                [RoleClaim] = RoleName(caller.Role),
                [JwtRegisteredClaimNames.Sub] = $"{RoleName(caller.Role)}@{caller.Unit}",
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

    public static TokenValidationParameters Validation(SecurityKey key, AuthOptions options) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = JwtRegisteredClaimNames.Sub,
        RoleClaimType = RoleClaim,
    };

    public static string RoleName(UnitRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParseRole(string? text, out UnitRole role)
    {
        role = default;
        return text is not null && text.All(char.IsAsciiLetterLower) && Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role);
    }

    /// <summary>The caller a validated principal stands for, or null when its claims do not name a unit and a known role.</summary>
    public static UnitCaller? CallerOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && user.FindFirst(UnitClaim)?.Value is { } unit && Domain.UnitCode.IsWellFormed(unit)
        && TryParseRole(user.FindFirst(RoleClaim)?.Value, out var role)
            ? new UnitCaller(unit, role)
            : null;
}
