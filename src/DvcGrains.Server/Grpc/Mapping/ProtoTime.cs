using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Time;
using DvcGrains.Server.Edge;
using Google.Protobuf.WellKnownTypes;

namespace DvcGrains.Server.Grpc.Mapping;

public static class ProtoTime
{
    public static Timestamp? ToProto(DateTimeOffset? instant) => instant is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    public static Timestamp ToProto(DateTimeOffset instant) => Timestamp.FromDateTimeOffset(instant);

    /// <summary>
    /// Reads a client's time stamp, to the microsecond (<see cref="Microseconds"/>); null when it is out of the range a
    /// time stamp may hold.
    /// </summary>
    public static DateTimeOffset? FromProto(Timestamp timestamp)
    {
        const long MaxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z, the protobuf limit
        const long MinSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
        if (timestamp.Seconds is < MinSeconds or > MaxSeconds || timestamp.Nanos is < 0 or > 999_999_999)
        {
            return null;
        }
        return Microseconds.Truncate(timestamp.ToDateTimeOffset());
    }

    /// <summary>A request's time stamp: null when it was left unset, refused as BAD_TIME naming <paramref name="field"/> when out of range.</summary>
    public static DateTimeOffset? Read(Timestamp? timestamp, string field) =>
        timestamp is null
            ? null
            : FromProto(timestamp) ?? throw DvcErrors.Rejected(RejectionReason.BadTime, EdgeMessages.NotATimestamp.With(field), field);
}
