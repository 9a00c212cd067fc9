namespace DvcGrains.Server.Security;

public enum AuthMode
{
    /// <summary>No authentication: every peer acts for every unit. The embedded default, for loopback only.</summary>
    None,

    /// <summary>Bearer tokens (JWT, RS256 or ES256) verified against configured public keys.</summary>
    Jwt,
}

/// <summary>The <c>Dvc:Auth</c> configuration section: who may call and what a token must carry.</summary>
public sealed class AuthOptions
{
    public const string Section = "Dvc:Auth";

    public AuthMode Mode { get; set; } = AuthMode.None;

    /// <summary>Lets <see cref="AuthMode.None"/> serve a gRPC or web address that is not loopback (behind a trusted gateway).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Lets <see cref="AuthMode.Jwt"/> take tokens on a cleartext address beyond loopback (the network encrypts it).</summary>
    public bool AllowCleartextTokens { get; set; }

    /// <summary>Any authenticated caller may read the KPIs and rankings of any unit: the 766 index is public.</summary>
    public bool PublicKpis { get; set; } = true;

    public JwtOptions Jwt { get; set; } = new();
}

/// <summary>The <c>Dvc:Auth:Jwt</c> section: the keys, issuer and audience a token is checked against.</summary>
public sealed class JwtOptions
{
    /// <summary>PEM files of the issuers' public keys (RSA or P-256 EC), <c>;</c>-separated; several while keys rotate.</summary>
    public string PublicKeyFiles { get; set; } = "";

    /// <summary>The <c>iss</c> every token must carry.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The <c>aud</c> every token must carry.</summary>
    public string Audience { get; set; } = "";

    /// <summary>How far the issuer's clock and this server's may disagree about a token's expiry.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a token may be valid, from its issue (<c>iat</c>, or now when it has none) to its expiry: a token
    /// that leaks is worth this much at most, whatever the issuer put in it.
    /// </summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(1);
}
