using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// Refuses at start an <c>Orleans:Membership</c> section with which a silo could never be declared dead (or would
/// be at once), naming the key as it is configured rather than as Orleans' class names it.
/// </summary>
public sealed class MembershipOptionsValidation : IValidateOptions<ClusterMembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.ProbeTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{OrleansOptions.MembershipSection}:ProbeTimeout must be positive, not {options.ProbeTimeout}");
        }
        if (options.TableRefreshTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{OrleansOptions.MembershipSection}:TableRefreshTimeout must be positive, not {options.TableRefreshTimeout}");
        }
        if (options.NumMissedProbesLimit < 1)
        {
            problems.Add($"{OrleansOptions.MembershipSection}:NumMissedProbesLimit must be at least 1, not {options.NumMissedProbesLimit}: with it one late answer declares a silo dead");
        }
        if (options.NumProbedSilos < 1)
        {
            problems.Add($"{OrleansOptions.MembershipSection}:NumProbedSilos must be at least 1, not {options.NumProbedSilos}: with it no silo watches another");
        }
        if (options.NumVotesForDeathDeclaration < 1)
        {
            problems.Add($"{OrleansOptions.MembershipSection}:NumVotesForDeathDeclaration must be at least 1, not {options.NumVotesForDeathDeclaration}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
