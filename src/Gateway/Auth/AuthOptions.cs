namespace UnitGrains.Gateway.Auth;

/// <summary>Access control settings, section <c>UnitGrains:Auth</c> (env <c>UnitGrains__Auth__…</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "UnitGrains:Auth";

    /// <summary>The HMAC-SHA256 key tokens are signed with, at least 32 characters. Required outside Development.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Anonymous GETs read everything, as a national viewer would; for development only.</summary>
    public bool AnonymousReads { get; set; }

    public string Issuer { get; set; } = "unitgrains";

    public string Audience { get; set; } = "unitgrains-api";

    /// <summary>Sign-in through an OpenID Connect provider; off unless its authority is set.</summary>
    public OidcOptions Oidc { get; set; } = new();
}
