using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Security;

/// <summary>Refuses at start a <c>Dvc:Lookup</c> section that would stop every look-up or never refill.</summary>
public sealed class LookupOptionsValidation : IValidateOptions<LookupOptions>
{
    public ValidateOptionsResult Validate(string? name, LookupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.WrongGuesses < 1)
        {
            problems.Add($"{LookupOptions.Section}:WrongGuesses must be the wrong look-ups a client may make at once, at least 1, not {options.WrongGuesses}");
        }
        if (options.WrongGuessPeriod < TimeSpan.FromSeconds(1) || options.WrongGuessPeriod > TimeSpan.FromDays(1))
        {
            problems.Add($"{LookupOptions.Section}:WrongGuessPeriod must be the time in which a client's wrong look-ups refill, from 00:00:01 to 1.00:00:00, not {options.WrongGuessPeriod}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
