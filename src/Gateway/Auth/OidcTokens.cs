using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace UnitGrains.Gateway.Auth;

/// <summary>
/// Access tokens of an OpenID Connect provider. The provider's keys come from its JWKS through the
/// discovery document; a token naming a key not yet seen makes the handler fetch them again (a key
/// rotation), and they are refreshed periodically anyway. Whatever the provider calls its unit and
/// role claims, the validated identity carries them as <c>unit</c> and <c>role</c>, so the rest of
/// the gateway reads one kind of caller (<see cref="UnitTokens.CallerOf"/>).
/// </summary>
public static class OidcTokens
{
    public const string Scheme = "Oidc";

    public static void Configure(JwtBearerOptions jwt, OidcOptions oidc, Func<MessageReceivedContext, Task> tokenFromQuery)
    {
        jwt.Authority = oidc.Issuer;
        jwt.Audience = oidc.Audience;
        jwt.RequireHttpsMetadata = !new Uri(oidc.Issuer).IsLoopback;
        jwt.MapInboundClaims = false;
        jwt.RefreshOnIssuerKeyNotFound = true;
        jwt.AutomaticRefreshInterval = oidc.KeyRefreshInterval;
        jwt.RefreshInterval = TimeSpan.FromSeconds(30);
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = oidc.Issuer,
            ValidAudience = oidc.Audience,
            // Asymmetric keys only: a provider's token is never accepted on a shared secret.
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384],
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = JwtRegisteredClaimNames.Sub,
            RoleClaimType = UnitTokens.RoleClaim,
        };
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = tokenFromQuery,
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is ClaimsIdentity identity)
                {
                    Normalize(identity, oidc);
                }

                return Task.CompletedTask;
            },
        };
    }

    /// <summary>Whether the request's bearer token says it was issued by the provider (read unvalidated, only to pick the scheme that validates it).</summary>
    public static bool IssuedBy(HttpRequest request, OidcOptions oidc)
    {
        if (AuthSetup.BearerToken(request) is not { Length: > 0 } token)
        {
            return false;
        }

        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(token))
        {
            return false;
        }

        try
        {
            return string.Equals(handler.ReadJsonWebToken(token).Issuer.TrimEnd('/'), oidc.Issuer, StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Carries the provider's unit and role claims as <c>unit</c> and <c>role</c>: the first role value the gateway knows.</summary>
    internal static void Normalize(ClaimsIdentity identity, OidcOptions oidc)
    {
        var unit = identity.FindFirst(oidc.UnitClaim)?.Value;
        var role = identity.FindAll(oidc.RoleClaim).Select(c => c.Value).FirstOrDefault(v => UnitTokens.TryParseRole(v, out _));
        foreach (var claim in identity.FindAll(c => c.Type is UnitTokens.UnitClaim or UnitTokens.RoleClaim).ToList())
        {
            identity.RemoveClaim(claim);
        }

        if (unit is not null)
        {
            identity.AddClaim(new Claim(UnitTokens.UnitClaim, unit));
        }

        if (role is not null)
        {
            identity.AddClaim(new Claim(UnitTokens.RoleClaim, role));
        }
    }
}
