namespace DvcGrains.Server.Hosting;

/// <summary>What the proto's comments, which the document carries as descriptions, say of a field.</summary>
public static class ContractDescriptions
{
    private const string Required = "required";

    /// <summary>
    /// The contract marks a required field by a comment that is "required", or begins "required:"; "required for
    /// Refuse, …" is a field some calls of its message need and others do not, so the schema leaves it optional.
    /// </summary>
    public static bool SayRequired(string? description) =>
        description is not null && (description.Equals(Required, StringComparison.OrdinalIgnoreCase)
            || description.StartsWith(Required + ":", StringComparison.OrdinalIgnoreCase));
}
