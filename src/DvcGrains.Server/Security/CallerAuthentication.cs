using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using DvcGrains.Domain.Access;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Units;
using DvcGrains.Server.Edge;
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
            throw DvcErrors.Unauthenticated(SecurityMessages.TooManyUnits.With(granted.Count, MaxGrantedUnits));
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
            ?? throw DvcErrors.Unauthenticated(SecurityMessages.ExpiryNotANumber.Alone());
        var issued = Math.Min(NumericDate(principal, JwtAuthentication.IssuedAtClaim) ?? now, now);
        var lifetime = options.Jwt.MaxLifetime;
        if (expires - issued > lifetime.TotalSeconds + options.Jwt.ClockSkew.TotalSeconds)
        {
            throw DvcErrors.Unauthenticated(SecurityMessages.LivesTooLong.With(
                Span(TimeSpan.FromSeconds(Math.Min(expires - issued, TimeSpan.MaxValue.TotalSeconds / 2))), Span(lifetime)));
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

    private static Message? SubjectProblem(string? subject)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return SecurityMessages.NoSubject.Alone();
        }
        if (subject.Length > MaxSubjectLength)
        {
            return SecurityMessages.SubjectTooLong.With(subject.Length, MaxSubjectLength);
        }
        return subject.EnumerateRunes().Any(rune => Rune.IsControl(rune))
            ? SecurityMessages.SubjectUnprintable.Alone()
            : null;
    }

    private static Message WhyNot(AuthenticateResult result) => result.Failure switch
    {
        null => SecurityMessages.NoToken.Alone(),
        SecurityTokenExpiredException e => SecurityMessages.Expired.With(Utc(e.Expires)),
        SecurityTokenNotYetValidException e => SecurityMessages.NotYetValid.With(Utc(e.NotBefore)),
        SecurityTokenInvalidIssuerException => SecurityMessages.WrongIssuer.Alone(),
        SecurityTokenInvalidAudienceException => SecurityMessages.WrongAudience.Alone(),
        SecurityTokenNoExpirationException => SecurityMessages.NoExpiry.Alone(),
        SecurityTokenInvalidTypeException { InvalidType: null or "" } => SecurityMessages.TypeMissing.Alone(),
        SecurityTokenInvalidTypeException e => SecurityMessages.WrongType.With(QuotedInput.Of(e.InvalidType)),
        SecurityTokenInvalidAlgorithmException => SecurityMessages.WrongAlgorithm.Alone(),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => SecurityMessages.WrongSignature.Alone(),
        _ => SecurityMessages.NotAJwt.Alone(),
    };

    private static string Utc(DateTime instant) => instant.ToString("u", CultureInfo.InvariantCulture);

    private static string Span(TimeSpan span) => span.ToString("g", CultureInfo.InvariantCulture);
}
