using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace UnitGrains.Gateway.Auth;

/// <summary>The signing key in use, resolved once (see <see cref="SigningKeys"/>).</summary>
public sealed record TokenKey(SecurityKey Key);

/// <summary>
/// Bearer-token authentication. Validation fills <c>HttpContext.User</c> and nothing else: what a
/// user may do is decided per unit by <see cref="UnitAccessFilter"/>, and endpoints that address no
/// unit (health, the OpenAPI document) stay open.
/// </summary>
public static class AuthSetup
{
    public static WebApplicationBuilder AddUnitGrainsAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        services.AddSingleton(sp => new TokenKey(SigningKeys.Resolve(sp.GetRequiredService<IOptions<AuthOptions>>().Value, sp.GetRequiredService<IHostEnvironment>())));
        services.AddMemoryCache();
        services.AddSingleton<UnitPlaces>();
        services.AddSingleton<Http.UnitDirectory>();
        var oidc = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()?.Oidc ?? new OidcOptions();
        oidc.Validate();
        var authentication = services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenKey, IOptions<AuthOptions>>((jwt, key, auth) =>
            {
                // Claims keep the names they have in the token ("unit", "role"), not WS-* URIs.
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = UnitTokens.Validation(key.Key, auth.Value);
                jwt.Events = new JwtBearerEvents { OnMessageReceived = TokenFromQueryForLive };
                if (oidc.Enabled)
                {
                    // One bearer scheme for clients: a token the provider issued is validated by the provider's keys.
                    jwt.ForwardDefaultSelector = context => OidcTokens.IssuedBy(context.Request, oidc) ? OidcTokens.Scheme : null;
                }
            });
        if (oidc.Enabled)
        {
            authentication.AddJwtBearer(OidcTokens.Scheme, jwt => OidcTokens.Configure(jwt, oidc, TokenFromQueryForLive));
        }

        return builder;
    }

    private const string LiveApiPrefix = "/api/units/";

    public static WebApplication UseUnitGrainsAuth(this WebApplication app)
    {
        // Resolve the key now, so a missing one stops the start instead of failing the first request.
        _ = app.Services.GetRequiredService<TokenKey>();
        app.UseAuthentication();

        // Who is calling is settled before the endpoint reads anything of the request: a caller
        // without a valid token gets 401 whatever its body holds, never a 400 about the body.
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<UnitAccessMetadata>() is { } metadata
                && UnitAccessFilter.Authenticate(context, metadata.Access) is { Problem: { } problem })
            {
                await problem.ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>
    /// Browsers' EventSource cannot send headers, so a live subscription (GET …/live) may carry its
    /// token as <c>?access_token=</c>. Nothing else may: query strings end up in logs.
    /// </summary>
    private static Task TokenFromQueryForLive(MessageReceivedContext context)
    {
        if (LiveQueryToken(context.Request) is { } token)
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    /// <summary>The bearer token of a request: its Authorization header's, or a live subscription's query token.</summary>
    internal static string? BearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : LiveQueryToken(request);

    /// <summary>The <c>access_token</c> of a GET on the live route (<c>/api/units/{code}/live</c>) that carries no Authorization header, else null.</summary>
    internal static string? LiveQueryToken(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Path.Value is { } path
        && path.StartsWith(LiveApiPrefix, StringComparison.OrdinalIgnoreCase)
        && path.EndsWith("/live", StringComparison.OrdinalIgnoreCase)
        && path.AsSpan(LiveApiPrefix.Length, path.Length - LiveApiPrefix.Length - "/live".Length) is { Length: > 0 } code
        && !code.Contains('/')
        && string.IsNullOrEmpty(request.Headers.Authorization)
        && request.Query["access_token"] is [{ Length: > 0 } token]
            ? token
            : null;
}
