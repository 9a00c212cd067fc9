using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Security;

/// <summary>Refuses at start a <c>Dvc:Auth</c> section with which no token could ever be checked.</summary>
public sealed class AuthOptionsValidation : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (!Enum.IsDefined(options.Mode))
        {
            problems.Add($"{AuthOptions.Section}:Mode must be None or Jwt, not {options.Mode}");
        }
        if (options.Mode == AuthMode.Jwt)
        {
            if (string.IsNullOrWhiteSpace(options.Jwt.Issuer))
            {
                problems.Add($"{AuthOptions.Section}:Jwt:Issuer must be the iss the portals' tokens carry (Dvc:Auth:Mode is Jwt); it is empty");
            }
            if (string.IsNullOrWhiteSpace(options.Jwt.Audience))
            {
                problems.Add($"{AuthOptions.Section}:Jwt:Audience must be the aud the portals' tokens carry (Dvc:Auth:Mode is Jwt); it is empty");
            }
            if (string.IsNullOrWhiteSpace(options.Jwt.PublicKeyFiles))
            {
                problems.Add($"{AuthOptions.Section}:Jwt:PublicKeyFiles must name the issuers' PEM public keys, ';'-separated (Dvc:Auth:Mode is Jwt); it is empty");
            }
        }
        if (options.Jwt.ClockSkew < TimeSpan.Zero)
        {
            problems.Add($"{AuthOptions.Section}:Jwt:ClockSkew must not be negative, not {options.Jwt.ClockSkew}");
        }
        if (options.Jwt.MaxLifetime <= TimeSpan.Zero)
        {
            problems.Add($"{AuthOptions.Section}:Jwt:MaxLifetime must be positive (the longest a portal's token may be valid, e.g. 01:00:00), not {options.Jwt.MaxLifetime}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
