using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Time;
using Npgsql;
using NpgsqlTypes;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// The columns of table <c>dossier</c> (migrations 0006, 0009 and 0013), in one place: their order in <see cref="Names"/>, the arrays a
/// batch binds them as, and how a row reads back as a <see cref="DossierSummary"/> and its <see cref="UnitPath"/>.
/// </summary>
public sealed class DossierSummaryColumns
{
    /// <summary>Every column, in the order statements name, bind and read them.</summary>
    public static readonly IReadOnlyList<(string Name, string Type)> Names =
    [
        ("dossier_id", "text"), ("version", "integer"), ("unit_code", "text"), ("counted_unit", "text"), ("district_code", "text"),
        ("province_code", "text"), ("status", "smallint"), ("procedure_code", "text"), ("channel", "smallint"),
        ("applicant_type", "smallint"), ("vneid_authenticated", "boolean"), ("submitted_at", "timestamptz"),
        ("received_at", "timestamptz"), ("appointment_at", "timestamptz"), ("finished_at", "timestamptz"),
        ("returned_at", "timestamptz"), ("ended", "boolean"), ("final_timeliness", "smallint"), ("overdue_from", "timestamptz"),
        ("supplement_requests", "integer"), ("paused_seconds", "bigint"), ("fee_due_vnd", "bigint"), ("paid_vnd", "bigint"),
        ("paid_online", "boolean"), ("electronic_result", "boolean"), ("synced", "boolean"), ("rated", "boolean"),
        ("satisfied", "boolean"), ("apologies", "integer"), ("components", "text"), ("lookup_code", "text"),
        ("personal_data_erased_at", "timestamptz"), ("closed_at", "timestamptz"),
    ];

    private readonly string[] _dossierIds;
    private readonly int[] _versions;
    private readonly string[] _unitCodes;
    private readonly string[] _countedUnits;
    private readonly string?[] _districts;
    private readonly string[] _provinces;
    private readonly short[] _statuses;
    private readonly string[] _procedures;
    private readonly short[] _channels;
    private readonly short[] _applicantTypes;
    private readonly bool[] _vneid;
    private readonly DateTime[] _submittedAt;
    private readonly DateTime?[] _receivedAt;
    private readonly DateTime?[] _appointmentAt;
    private readonly DateTime?[] _finishedAt;
    private readonly DateTime?[] _returnedAt;
    private readonly bool[] _ended;
    private readonly short[] _finalTimeliness;
    private readonly DateTime?[] _overdueFrom;
    private readonly int[] _supplementRequests;
    private readonly long[] _pausedSeconds;
    private readonly long[] _feeDue;
    private readonly long[] _paid;
    private readonly bool[] _paidOnline;
    private readonly bool[] _electronicResult;
    private readonly bool[] _synced;
    private readonly bool[] _rated;
    private readonly bool[] _satisfied;
    private readonly int[] _apologies;
    private readonly string?[] _components;
    private readonly string?[] _lookupCodes;
    private readonly DateTime?[] _erasedAt;
    private readonly DateTime?[] _closedAt;

    /// <summary>Room for <paramref name="count"/> rows, to fill with <see cref="Set"/>.</summary>
    public DossierSummaryColumns(int count)
    {
        _dossierIds = new string[count];
        _versions = new int[count];
        _unitCodes = new string[count];
        _countedUnits = new string[count];
        _districts = new string?[count];
        _provinces = new string[count];
        _statuses = new short[count];
        _procedures = new string[count];
        _channels = new short[count];
        _applicantTypes = new short[count];
        _vneid = new bool[count];
        _submittedAt = new DateTime[count];
        _receivedAt = new DateTime?[count];
        _appointmentAt = new DateTime?[count];
        _finishedAt = new DateTime?[count];
        _returnedAt = new DateTime?[count];
        _ended = new bool[count];
        _finalTimeliness = new short[count];
        _overdueFrom = new DateTime?[count];
        _supplementRequests = new int[count];
        _pausedSeconds = new long[count];
        _feeDue = new long[count];
        _paid = new long[count];
        _paidOnline = new bool[count];
        _electronicResult = new bool[count];
        _synced = new bool[count];
        _rated = new bool[count];
        _satisfied = new bool[count];
        _apologies = new int[count];
        _components = new string?[count];
        _lookupCodes = new string?[count];
        _erasedAt = new DateTime?[count];
        _closedAt = new DateTime?[count];
    }

    /// <summary>Typed parameters for the columns' arrays, to add to a prepared statement in <see cref="Names"/> order.</summary>
    public static IEnumerable<NpgsqlParameter> Parameters() => Names.Select(column => (NpgsqlParameter)(column.Type switch
    {
        "text" => new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
        "integer" => new NpgsqlParameter<int[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
        "smallint" => new NpgsqlParameter<short[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint },
        "bigint" => new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
        "boolean" => new NpgsqlParameter<bool[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean },
        "timestamptz" => column.Name == "submitted_at"
            ? new NpgsqlParameter<DateTime[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz }
            : new NpgsqlParameter<DateTime?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
        _ => throw new InvalidOperationException($"No array parameter for column type {column.Type}."),
    }));

    /// <param name="componentsText">The components as <see cref="ComponentsText.Encode"/> writes them.</param>
    public void Set(int row, DossierSummary summary, UnitPath path, string? componentsText)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(path);
        _dossierIds[row] = summary.DossierId;
        _versions[row] = checked((int)summary.Version);
        _unitCodes[row] = summary.UnitCode;
        _countedUnits[row] = path.Unit;
        _districts[row] = path.District;
        _provinces[row] = path.Province;
        _statuses[row] = (short)summary.Status;
        _procedures[row] = summary.ProcedureCode;
        _channels[row] = (short)summary.Channel;
        _applicantTypes[row] = (short)summary.ApplicantType;
        _vneid[row] = summary.VneidAuthenticated;
        _submittedAt[row] = summary.SubmittedAt.UtcDateTime;
        _receivedAt[row] = summary.ReceivedAt?.UtcDateTime;
        _appointmentAt[row] = summary.Appointment?.UtcDateTime;
        _finishedAt[row] = summary.FinishedAt?.UtcDateTime;
        _returnedAt[row] = summary.ReturnedAt?.UtcDateTime;
        _ended[row] = summary.HasEnded;
        _finalTimeliness[row] = (short)summary.FinalTimeliness;
        _overdueFrom[row] = summary.OverdueFrom?.UtcDateTime;
        _supplementRequests[row] = summary.SupplementRequests;
        _pausedSeconds[row] = summary.PausedSeconds;
        _feeDue[row] = summary.FeeDueVnd;
        _paid[row] = summary.PaidVnd;
        _paidOnline[row] = summary.PaidOnline;
        _electronicResult[row] = summary.ElectronicResult;
        _synced[row] = summary.SyncedToNationalPortal;
        _rated[row] = summary.Rated;
        _satisfied[row] = summary.Satisfied;
        _apologies[row] = summary.Apologies;
        _components[row] = componentsText;
        _lookupCodes[row] = summary.LookupCode.Length == 0 ? null : summary.LookupCode;
        _erasedAt[row] = summary.PersonalDataErasedAt?.UtcDateTime;
        _closedAt[row] = summary.ClosedAt?.UtcDateTime;
    }

    /// <summary>Sets the parameters <paramref name="first"/>, first + 1, … (made by <see cref="Parameters"/>) to the arrays.</summary>
    public void Bind(NpgsqlParameterCollection parameters, int first)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        object[] arrays =
        [
            _dossierIds, _versions, _unitCodes, _countedUnits, _districts, _provinces, _statuses, _procedures, _channels,
            _applicantTypes, _vneid, _submittedAt, _receivedAt, _appointmentAt, _finishedAt, _returnedAt, _ended, _finalTimeliness,
            _overdueFrom, _supplementRequests, _pausedSeconds, _feeDue, _paid, _paidOnline, _electronicResult, _synced, _rated,
            _satisfied, _apologies, _components, _lookupCodes, _erasedAt, _closedAt,
        ];
        for (var i = 0; i < arrays.Length; i++)
        {
            parameters[first + i].Value = arrays[i];
        }
    }

    /// <summary>The columns of <see cref="Names"/> as a select list, each prefixed by <paramref name="alias"/>.</summary>
    public static string SelectList(string alias) => string.Join(", ", Names.Select(column => $"{alias}.{column.Name}"));

    /// <summary>Reads a row whose columns, from <paramref name="first"/> on, are those of <see cref="SelectList"/>.</summary>
    public static (DossierSummary Summary, UnitPath Path) Read(NpgsqlDataReader row, int first)
    {
        ArgumentNullException.ThrowIfNull(row);
        var summary = new DossierSummary
        {
            DossierId = row.GetString(first),
            Version = row.GetInt32(first + 1),
            UnitCode = row.GetString(first + 2),
            Status = (DossierStatus)row.GetInt16(first + 6),
            ProcedureCode = row.GetString(first + 7),
            Channel = (Channel)row.GetInt16(first + 8),
            ApplicantType = (ApplicantType)row.GetInt16(first + 9),
            VneidAuthenticated = row.GetBoolean(first + 10),
            SubmittedAt = Instant(row, first + 11)!.Value,
            ReceivedAt = Instant(row, first + 12),
            Appointment = Instant(row, first + 13),
            FinishedAt = Instant(row, first + 14),
            ReturnedAt = Instant(row, first + 15),
            HasEnded = row.GetBoolean(first + 16),
            FinalTimeliness = (Timeliness)row.GetInt16(first + 17),
            OverdueFrom = Instant(row, first + 18),
            SupplementRequests = row.GetInt32(first + 19),
            PausedSeconds = row.GetInt64(first + 20),
            FeeDueVnd = row.GetInt64(first + 21),
            PaidVnd = row.GetInt64(first + 22),
            PaidOnline = row.GetBoolean(first + 23),
            ElectronicResult = row.GetBoolean(first + 24),
            SyncedToNationalPortal = row.GetBoolean(first + 25),
            Rated = row.GetBoolean(first + 26),
            Satisfied = row.GetBoolean(first + 27),
            Apologies = row.GetInt32(first + 28),
            Components = row.IsDBNull(first + 29) ? [] : ComponentsText.Decode(row.GetString(first + 29)),
            LookupCode = row.IsDBNull(first + 30) ? "" : row.GetString(first + 30),
            PersonalDataErasedAt = Instant(row, first + 31),
            ClosedAt = Instant(row, first + 32),
        };
        var path = new UnitPath(row.GetString(first + 3), row.IsDBNull(first + 4) ? null : row.GetString(first + 4), row.GetString(first + 5));
        return (summary, path);
    }

    /// <summary>A summary as the table keeps it: its instants to the microsecond (<see cref="Microseconds"/>).</summary>
    public static DossierSummary AsStored(DossierSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary with
        {
            SubmittedAt = Microseconds.Truncate(summary.SubmittedAt),
            ReceivedAt = Microseconds.Truncate(summary.ReceivedAt),
            Appointment = Microseconds.Truncate(summary.Appointment),
            FinishedAt = Microseconds.Truncate(summary.FinishedAt),
            ReturnedAt = Microseconds.Truncate(summary.ReturnedAt),
            OverdueFrom = Microseconds.Truncate(summary.OverdueFrom),
            PersonalDataErasedAt = Microseconds.Truncate(summary.PersonalDataErasedAt),
            ClosedAt = Microseconds.Truncate(summary.ClosedAt),
        };
    }

    private static DateTimeOffset? Instant(NpgsqlDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : new DateTimeOffset(row.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);
}
