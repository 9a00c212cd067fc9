using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using DvcGrains.Domain.Access;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Units;
using DvcGrains.Server.Grpc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace DvcGrains.Server.Security;

/// <summary>
/// Establishes the <see cref="Caller"/> of a gRPC call from its bearer token, or refuses it as
/// UNAUTHENTICATED with what was wrong with the token. Scopes are resolved against the hierarchy once per distinct
/// <c>dvc_units</c> grant, since a portal sends the same grant on every call.
/// </summary>
public sealed class CallerAuthentication(AuthOptions options, UnitHierarchy units, UnitMapping mapping, TimeProvider clock)
{
    public const int MaxSubjectLength = 256;
    public const int MaxGrantedUnits = 1_000;
    private const int MaxCachedScopes = 10_000;

    private readonly ConcurrentDictionary<string, CallerScope> _scopes = new(StringComparer.Ordinal);

    public async Task<Caller> Authenticate(HttpContext http)
    {
        if (options.Mode == AuthMode.None)
        {
            return Caller.Anonymous;
        }
        var result = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (result is not { Succeeded: true, Principal: { } principal })
        {
            throw DvcErrors.Unauthenticated(WhyNot(result));
        }
        var subject = principal.FindFirst(JwtAuthentication.SubjectClaim)?.Value;
        if (SubjectProblem(subject) is { } problem)
        {
            throw DvcErrors.Unauthenticated(problem);
        }
        var granted = Values(principal, JwtAuthentication.UnitsClaim);
        if (granted.Count > MaxGrantedUnits)
        {
            throw DvcErrors.Unauthenticated($"The token grants {granted.Count} units (dvc_units); a token names at most {MaxGrantedUnits}, and VN grants all.");
        }
        var roles = Values(principal, JwtAuthentication.RolesClaim).Where(DvcRole.All.Contains).ToHashSet(StringComparer.Ordinal);
        return new Caller(subject!, roles, ScopeOf(granted), ReadsAnyKpis: options.PublicKpis, TokenValidUntil: ValidUntil(principal));
    }

    /// <summary>
    /// The token's expiry and the allowed skew, once its lifetime is within <see cref="JwtOptions.MaxLifetime"/>: read
    /// as the NumericDate it is (fractions allowed) and compared before it becomes an instant, so that no value of
    /// <c>exp</c> overflows.
    /// </summary>
    private DateTimeOffset ValidUntil(ClaimsPrincipal principal)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var expires = NumericDate(principal, JwtAuthentication.ExpiryClaim)
            ?? throw DvcErrors.Unauthenticated("The token's expiry (exp) is not a number of seconds since 1970.");
        var issued = Math.Min(NumericDate(principal, JwtAuthentication.IssuedAtClaim) ?? now, now);
        var lifetime = options.Jwt.MaxLifetime;
        if (expires - issued > lifetime.TotalSeconds + options.Jwt.ClockSkew.TotalSeconds)
        {
            throw DvcErrors.Unauthenticated(
                $"The token is valid for {TimeSpan.FromSeconds(Math.Min(expires - issued, TimeSpan.MaxValue.TotalSeconds / 2)):g} from its issue; " +
                $"this server takes tokens valid for {lifetime:g} at most (Dvc:Auth:Jwt:MaxLifetime): get a shorter-lived one from the issuer.");
        }
        return DateTimeOffset.FromUnixTimeSeconds((long)Math.Ceiling(expires)) + options.Jwt.ClockSkew;
    }

    private static double? NumericDate(ClaimsPrincipal principal, string claim) =>
        principal.FindFirst(claim)?.Value is { } text
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
        && double.IsFinite(seconds)
            ? seconds
            : null;

    private CallerScope ScopeOf(IReadOnlyList<string> granted)
    {
        var key = string.Join(' ', granted.Order(StringComparer.Ordinal));
        if (_scopes.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var scope = CallerScope.Of(granted, units, mapping);
        return _scopes.Count < MaxCachedScopes ? _scopes.GetOrAdd(key, scope) : scope;
    }

    /// <summary>A claim's values: a JSON array gives one claim per value; a single string may list them space-separated.</summary>
    private static List<string> Values(ClaimsPrincipal principal, string type) =>
        [.. principal.FindAll(type).SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)];

    private static string? SubjectProblem(string? subject)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return "The token has no subject (sub): it must name the portal that calls.";
        }
        if (subject.Length > MaxSubjectLength)
        {
            return $"The token's subject (sub) has {subject.Length} characters; at most {MaxSubjectLength}.";
        }
        return subject.EnumerateRunes().Any(rune => Rune.IsControl(rune))
            ? "The token's subject (sub) contains control characters; it must be a printable name."
            : null;
    }

    private static string WhyNot(AuthenticateResult result) => result.Failure switch
    {
        null => "No bearer token: send the metadata \"authorization: Bearer <JWT>\" with a token from your issuer.",
        SecurityTokenExpiredException e => $"The token expired at {e.Expires:u}; get a new one from the issuer.",
        SecurityTokenNotYetValidException e => $"The token is not valid before {e.NotBefore:u}; check the issuer's clock.",
        SecurityTokenInvalidIssuerException => "The token's issuer (iss) is not the one this server trusts (Dvc:Auth:Jwt:Issuer).",
        SecurityTokenInvalidAudienceException => "The token's audience (aud) is not this service (Dvc:Auth:Jwt:Audience).",
        SecurityTokenNoExpirationException => "The token has no expiry (exp); tokens must expire.",
        SecurityTokenInvalidTypeException e =>
            $"The token's type (typ) is {(string.IsNullOrEmpty(e.InvalidType) ? "missing" : QuotedInput.Of(e.InvalidType))}; this server takes access tokens, typ JWT or at+jwt.",
        SecurityTokenInvalidAlgorithmException => "The token is signed with an algorithm other than RS256 or ES256.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            "The token's signature is not an RS256 or ES256 signature by one of the public keys this server trusts (Dvc:Auth:Jwt:PublicKeyFiles).",
        _ => "The bearer token is not a valid signed JWT.",
    };
}
