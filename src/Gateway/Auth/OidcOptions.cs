namespace UnitGrains.Gateway.Auth;

/// <summary>
/// Sign-in through an OpenID Connect provider (section <c>UnitGrains:Auth:Oidc</c>). With an
/// <see cref="Authority"/> set, the gateway accepts the provider's access tokens — keys from its
/// JWKS, refreshed periodically and when a token names a key not yet seen — beside its own
/// development tokens, and the dashboard signs in with the authorization-code flow and PKCE.
/// </summary>
public sealed class OidcOptions
{
    /// <summary>The provider's issuer URL; its discovery document is <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience (<c>aud</c>) the provider puts in access tokens for this API.</summary>
    public string Audience { get; set; } = "unitgrains-api";

    /// <summary>The dashboard's client id at the provider (a public client: no secret, PKCE).</summary>
    public string ClientId { get; set; } = "unitgrains-dashboard";

    /// <summary>The scopes the dashboard asks for.</summary>
    public string Scope { get; set; } = "openid profile unitgrains";

    /// <summary>The access token's claim naming the caller's unit (its code, e.g. <c>26278</c> or <c>75-SNV</c>).</summary>
    public string UnitClaim { get; set; } = UnitTokens.UnitClaim;

    /// <summary>The access token's claim naming the caller's role (<c>officer</c>, <c>consolidator</c>, <c>viewer</c>); the first known value counts.</summary>
    public string RoleClaim { get; set; } = UnitTokens.RoleClaim;

    /// <summary>How often the provider's keys are fetched even when no unknown key was seen.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The provider must be reached over HTTPS, except on this machine (a development provider).</summary>
    public void Validate()
    {
        if (!Enabled)
        {
            return;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && !(authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback)))
        {
            throw new InvalidOperationException($"UnitGrains:Auth:Oidc:Authority is '{Authority}': it must be an absolute https URL (http only for a provider on this machine).");
        }
    }

    public string Issuer => Authority!.TrimEnd('/');
}
