using System.Security.Cryptography;
using DvcGrains.Api.V1;
using DvcGrains.Server.Hosting;
using DvcGrains.Server.Security;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DvcGrains.Server.Tests.Security;

/// <summary>Bearer tokens: signature, algorithm, issuer, audience, expiry and subject, each refused as UNAUTHENTICATED.</summary>
[Collection(SharedSecureServer.Name)]
public sealed class AuthenticationTests(SecureServer secure)
{
    [Fact]
    public async Task Rs256_and_es256_tokens_of_the_configured_issuers_are_accepted()
    {
        var rsa = await secure.Catalog(secure.Pki.Token(ellipticCurve: false)).GetUnitAsync(new GetUnitRequest { Code = "01" });
        var ec = await secure.Catalog(secure.Pki.Token(ellipticCurve: true)).GetUnitAsync(new GetUnitRequest { Code = "01" });

        Assert.Equal(("01", "01"), (rsa.Code, ec.Code));
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "expired", "expired" },
        { "wrong issuer", "issuer" },
        { "wrong audience", "audience" },
        { "unknown key", "signature" },
        { "symmetric", "RS256 or ES256" },
        { "no subject", "subject" },
        { "not a jwt", "not a valid" },
        { "valid for a day", "Dvc:Auth:Jwt:MaxLifetime" },
        { "an id token", "typ" },
        { "no type", "typ" },
        { "expiry past 9999", "Dvc:Auth:Jwt:MaxLifetime" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_unauthenticated_and_says_why(string kind, string said)
    {
        var token = kind switch
        {
            "expired" => secure.Pki.Token(expires: DateTimeOffset.UtcNow.AddMinutes(-2)),
            "wrong issuer" => secure.Pki.Token(issuer: "https://elsewhere.test"),
            "wrong audience" => secure.Pki.Token(audience: "another-service"),
            "unknown key" => secure.Pki.Token(signing: new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)), SecurityAlgorithms.RsaSha256)),
            "symmetric" => secure.Pki.Token(signing: new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256)),
            "no subject" => secure.Pki.Token(subject: ""),
            "valid for a day" => secure.Pki.Token(expires: DateTimeOffset.UtcNow.AddHours(23), lifetime: TimeSpan.FromDays(1)),
            "an id token" => secure.Pki.Token(type: "id+jwt"),
            "no type" => secure.Pki.SignedToken("""{"alg":"RS256"}""", Payload(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 600)),
            "expiry past 9999" => secure.Pki.SignedToken("""{"alg":"RS256","typ":"JWT"}""", Payload(253_402_300_790)),
            _ => "abc.def.ghi",
        };
        var id = Portal.NewDossierId();

        var e = await Portal.Fails(() => secure.Dossiers(token).SubmitAsync(new SubmitRequest
        {
            Meta = Portal.Meta(id), UnitCode = "01", ProcedureCode = "1.001193", Channel = Channel.InPerson,
        }).ResponseAsync);

        Assert.Equal((StatusCode.Unauthenticated, "UNAUTHENTICATED"), (e.StatusCode, e.Reason()));
        Assert.Contains(said, e.Status.Detail, StringComparison.OrdinalIgnoreCase);
        var missing = await Portal.Fails(() => secure.Dossiers(secure.Pki.Token()).GetAsync(new GetDossierRequest { DossierId = id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_access_token_typed_at_jwt_and_one_whose_expiry_has_a_fraction_of_a_second_are_accepted()
    {
        var typed = await secure.Catalog(secure.Pki.Token(type: "at+jwt")).GetUnitAsync(new GetUnitRequest { Code = "01" });
        var fraction = await secure.Catalog(secure.Pki.SignedToken("""{"alg":"RS256","typ":"JWT"}""", Payload(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 600.5)))
            .GetUnitAsync(new GetUnitRequest { Code = "01" });

        Assert.Equal(("01", "01"), (typed.Code, fraction.Code));
    }

    private static readonly string[] Nation = ["VN"];
    private static readonly string[] ReadRoles = ["dossiers.read", "catalog.write"];

    /// <summary>A portal's token payload for the whole country, issued now, expiring at <paramref name="expires"/>.</summary>
    private static string Payload(double expires) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["iss"] = TestPki.Issuer,
        ["aud"] = TestPki.Audience,
        ["sub"] = "portal-national",
        ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["exp"] = expires,
        ["dvc_units"] = Nation,
        ["dvc_roles"] = ReadRoles,
    });

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_still_accepted()
    {
        var unit = await secure.Catalog(secure.Pki.Token(expires: DateTimeOffset.UtcNow.AddSeconds(-5))).GetUnitAsync(new GetUnitRequest { Code = "79" });
        Assert.Equal("79", unit.Code);
    }
}

/// <summary>What the server refuses to start with.</summary>
public sealed class AuthenticationConfigurationTests
{
    [Fact]
    public void Without_authentication_a_non_loopback_grpc_address_is_refused_at_start()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DvcServer.Build(["--urls", "http://0.0.0.0:5080"]));

        Assert.Contains("Dvc:Auth:Mode", e.Message, StringComparison.Ordinal);
        Assert.Contains("0.0.0.0:5080", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_authentication_an_endpoint_of_kestrels_own_configuration_beyond_loopback_is_refused_too()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DvcServer.Build(["--Kestrel:Endpoints:Open:Url", "http://0.0.0.0:5081"]));

        Assert.Contains("http://0.0.0.0:5081", e.Message, StringComparison.Ordinal);
        Assert.Contains("Dvc:Auth:Mode", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_on_a_cleartext_address_beyond_loopback_are_refused_unless_the_operator_says_the_network_encrypts_them()
    {
        using var pki = new TestPki();

        var refused = Assert.Throws<InvalidOperationException>(() => DvcServer.Build(["--urls", "http://0.0.0.0:5080", .. pki.ServerArguments]));
        var refusedInKestrel = Assert.Throws<InvalidOperationException>(() => DvcServer.Build(
            ["--urls", "http://127.0.0.1:5080", "--Kestrel:Endpoints:Mesh:Url", "http://pod.example:5090", .. pki.ServerArguments]));
        await using var allowed = DvcServer.Build(["--urls", "http://0.0.0.0:5080", "--Dvc:Auth:AllowCleartextTokens", "true", .. pki.ServerArguments]);

        Assert.Contains("http://0.0.0.0:5080", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Dvc:Auth:AllowCleartextTokens", refused.Message, StringComparison.Ordinal);
        Assert.Contains("http://0.0.0.0:5090", refusedInKestrel.Message, StringComparison.Ordinal);
        Assert.True(Auth(allowed).AllowCleartextTokens);
    }

    [Fact]
    public async Task Allow_anonymous_lets_an_operator_run_without_authentication_behind_a_gateway()
    {
        await using var app = DvcServer.Build(["--urls", "http://0.0.0.0:5080", "--Dvc:Auth:AllowAnonymous", "true"]);

        Assert.True(Auth(app).AllowAnonymous);
    }

    [Fact]
    public void Jwt_without_keys_issuer_or_audience_is_refused_at_start_with_the_key_to_set()
    {
        var keys = Assert.Throws<OptionsValidationException>(() => DvcServer.Build([
            "--Dvc:Auth:Mode", "Jwt", "--Dvc:Auth:Jwt:Issuer", "i", "--Dvc:Auth:Jwt:Audience", "a"]));
        var issuer = Assert.Throws<OptionsValidationException>(() => DvcServer.Build(["--Dvc:Auth:Mode", "Jwt"]));

        Assert.Contains("Dvc:Auth:Jwt:PublicKeyFiles", keys.Message, StringComparison.Ordinal);
        Assert.Contains("Dvc:Auth:Jwt:Issuer", issuer.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> NotAnIssuersPublicKey() => new()
    {
        { "rsa private", "holds a private key" },
        { "ec private", "holds a private key" },
        { "secp256k1", "needs P-256" },
        { "brainpoolP256r1", "needs P-256" },
    };

    [Theory]
    [MemberData(nameof(NotAnIssuersPublicKey))]
    public void A_key_file_with_a_private_key_or_an_ec_key_on_another_curve_is_refused_at_start(string kind, string said)
    {
        using var pki = new TestPki();
        var path = pki.PathOf($"{kind}.pem");
        File.WriteAllText(path, Pem(kind));

        var e = Assert.Throws<InvalidOperationException>(() => DvcServer.Build([.. pki.ServerArguments, "--Dvc:Auth:Jwt:PublicKeyFiles", path]));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(said, e.Message, StringComparison.Ordinal);
    }

    private static string Pem(string kind)
    {
        if (kind == "rsa private")
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportPkcs8PrivateKeyPem();
        }
        using var ec = ECDsa.Create(kind == "ec private" ? ECCurve.NamedCurves.nistP256 : ECCurve.CreateFromFriendlyName(kind));
        return kind == "ec private" ? ec.ExportECPrivateKeyPem() : ec.ExportSubjectPublicKeyInfoPem();
    }

    [Fact]
    public void Https_without_a_certificate_is_refused_at_start()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DvcServer.Build(["--urls", "https://127.0.0.1:5443"]));
        Assert.Contains("Dvc:Tls:CertificateFile", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The authentication options the server was built with, once its start-up checks let it build.</summary>
    private static AuthOptions Auth(WebApplication app) => app.Services.GetRequiredService<AuthOptions>();
}
