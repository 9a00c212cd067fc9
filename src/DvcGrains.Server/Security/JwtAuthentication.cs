using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace DvcGrains.Server.Security;

/// <summary>
/// Bearer tokens on the gRPC port: ASP.NET Core's JWT handler checks signature (RS256 or ES256 against the configured
/// keys), type (an access token: <c>typ</c> JWT or at+jwt, never an ID or logout token of the same issuer), issuer,
/// audience and expiry, when <see cref="CallerAuthentication"/> asks, for the contract's services only.
/// It never answers a call itself: a failure becomes the contract's UNAUTHENTICATED.
/// </summary>
public static class JwtAuthentication
{
    public const string SubjectClaim = "sub";
    public const string UnitsClaim = "dvc_units";
    public const string RolesClaim = "dvc_roles";

    /// <summary>Seconds since 1970 after which the token is no longer taken; the handler requires it.</summary>
    public const string ExpiryClaim = "exp";

    /// <summary>Seconds since 1970 at which the issuer made the token.</summary>
    public const string IssuedAtClaim = "iat";

    /// <summary>The token types (<c>typ</c>) of access tokens: RFC 7519's JWT and RFC 9068's at+jwt.</summary>
    public static readonly IReadOnlyList<string> AccessTokenTypes = ["JWT", "at+jwt"];

    public static void AddDvcJwt(this IServiceCollection services, JwtOptions options)
    {
        var keys = PemPublicKeys.Load(options.PublicKeyFiles);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKeys = keys,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
                ValidTypes = AccessTokenTypes,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidateLifetime = true,
                ClockSkew = options.ClockSkew,
                NameClaimType = SubjectClaim,
            };
        });
    }
}
