using DvcGrains.Api.V1;
using Google.Protobuf.WellKnownTypes;

namespace DvcGrains.LoadTests.Verification;

/// <summary>
/// What the server acknowledged about one dossier, written by the iteration that drives it (one command at a time), and
/// the business time of its commands: each command carries an explicit <c>meta.at</c>, later than the one before, so
/// the generator knows the day, and so the year, each fact counts in.
/// </summary>
public sealed class DossierRecord(string dossierId, string unitCode, Channel channel)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);
    private readonly List<DateTimeOffset> _supplementRequests = [];
    private DateTimeOffset _lastAt = DateTimeOffset.MinValue;
    private int _components;
    private bool _allDigitized = true;

    public string DossierId { get; } = dossierId;
    public string UnitCode { get; } = unitCode;
    public Channel Channel { get; } = channel;
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? ReceivedAt { get; private set; }
    public DateTimeOffset? RefusedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }
    public DateTimeOffset? StoppedAt { get; private set; }
    public DateTimeOffset? RatedAt { get; private set; }
    public bool RatedUnsatisfied { get; private set; }
    public bool ElectronicResult { get; private set; }
    public bool VneidAuthenticated { get; private set; }
    public bool Synced { get; private set; }
    public bool FeeDue { get; private set; }
    public bool PaidOnline { get; private set; }
    public bool ReusedData { get; private set; }
    public bool FromCitizenStore { get; private set; }
    public bool Digitized => _components > 0 && _allDigitized;
    public IReadOnlyList<DateTimeOffset> SupplementRequests => _supplementRequests;

    /// <summary>The business time for the next command: now, and always after the dossier's last command.</summary>
    public Timestamp NextAt(DateTimeOffset now)
    {
        _lastAt = now > _lastAt ? now : _lastAt + Step;
        return Timestamp.FromDateTimeOffset(_lastAt);
    }

    public void Submitted(SubmitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        SubmittedAt = request.Meta.At.ToDateTimeOffset();
        if (request.Channel != Channel.Online)
        {
            ReceivedAt = SubmittedAt;
        }
        VneidAuthenticated = request.VneidAuthenticated;
        Synced = request.SyncedToNationalPortal;
        AddComponents(request.Components);
    }

    public void Received(Timestamp at) => ReceivedAt = at.ToDateTimeOffset();
    public void Refused(Timestamp at) => RefusedAt = at.ToDateTimeOffset();
    public void SupplementRequested(Timestamp at) => _supplementRequests.Add(at.ToDateTimeOffset());
    public void PaymentRequested(long amountVnd) => FeeDue |= amountVnd > 0;
    public void PaymentRecorded(PaymentMethod method) => PaidOnline |= method is PaymentMethod.OnlineNationalPortal or PaymentMethod.OnlineLocalGateway;
    public void Returned(Timestamp at) => ReturnedAt = at.ToDateTimeOffset();
    public void Stopped(Timestamp at) => StoppedAt = at.ToDateTimeOffset();
    public void MarkedSynced() => Synced = true;

    public void Finished(Timestamp at, bool electronicResult)
    {
        FinishedAt = at.ToDateTimeOffset();
        ElectronicResult = electronicResult;
    }

    /// <summary>A second rating replaces the first.</summary>
    public void Rated(Timestamp at, bool satisfied)
    {
        RatedAt = at.ToDateTimeOffset();
        RatedUnsatisfied = !satisfied;
    }

    public void AddComponents(IEnumerable<Component> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        foreach (var component in components)
        {
            _components++;
            _allDigitized &= component.Digitized;
            ReusedData |= component.ReusedData;
            FromCitizenStore |= component.FromCitizenStore;
        }
    }
}
