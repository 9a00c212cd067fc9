using DvcGrains.Abstractions.Incarnations;

namespace DvcGrains.Grains.Codes;

/// <summary>A unit's daily sequence as its allocator stores it.</summary>
[GenerateSerializer]
public sealed class CodeSequence
{
    /// <summary>The last sequence number handed out (or passed over).</summary>
    [Id(0)] public long Last { get; set; }

    /// <summary>
    /// The database incarnation <see cref="Last"/> was written in; <see cref="DatabaseIncarnation.None"/> when an
    /// earlier build wrote it, before incarnations were recorded.
    /// </summary>
    [Id(1)] public DatabaseIncarnation Incarnation { get; set; }
}
