using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Security;

/// <summary>Refuses at start a known proxy that is no address or network, which would trust nobody it was meant to.</summary>
public sealed class ClientAddressOptionsValidation : IValidateOptions<ClientAddressOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientAddressOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [.. options.Entries()
            .Where(entry => ClientAddressOptions.Parse(entry) is null)
            .Select(entry => $"{ClientAddressOptions.Section}:KnownProxies must list addresses (10.0.3.7) or networks in CIDR notation (10.244.0.0/16, no bit set past the prefix), ';'-separated; '{entry}' is neither")];
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
