using DvcGrains.Api.V1;
using Google.Protobuf.Reflection;

namespace DvcGrains.LoadTests.Verification;

/// <summary>
/// The KPI counters that acknowledged commands alone decide, by their names in the contract's <c>Counters</c>.
/// Timeliness (early, on time, late) and the open and overdue counts also depend on the server's calendar and clock,
/// so the generator cannot know them and does not compare them.
/// </summary>
public static class TalliedCounters
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "received", "received_online", "received_in_person", "received_postal", "refused", "finished", "returned", "stopped",
        "supplement_requests", "fee_dossiers", "paid_online", "digitized", "reused_data", "from_citizen_store",
        "vneid_authenticated", "results_issued", "electronic_results", "synced", "rated", "rated_unsatisfied",
    ];

    private static readonly FieldDescriptor[] Fields =
        [.. Names.Select(name => Counters.Descriptor.FindFieldByName(name) ?? throw new InvalidOperationException($"The contract's Counters has no field {name}."))];

    /// <summary>The tallied counters' values, in the order of <see cref="Names"/>.</summary>
    public static long[] Read(Counters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return [.. Fields.Select(field => (long)field.Accessor.GetValue(counters))];
    }

    public static int IndexOf(string name)
    {
        var index = Names.ToList().IndexOf(name);
        return index >= 0 ? index : throw new ArgumentOutOfRangeException(nameof(name), name, "Not a tallied counter.");
    }
}
