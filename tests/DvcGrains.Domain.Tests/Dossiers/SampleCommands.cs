using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Procedures;

namespace DvcGrains.Domain.Tests.Dossiers;

/// <summary>A valid command of each kind, so that a test changes only what it is about.</summary>
internal static class SampleCommands
{
    public const string Actor = "officer.01";
    public const string DossierId = "000.00.20.H17-260302-0001";

    /// <summary>Five working days: received Monday 08:00, due the next Monday 08:00.</summary>
    public static readonly Procedure FiveDays = new("1.001766", "Đăng ký khai sinh", 5, 0, true, 0, true);

    public static readonly IReadOnlyList<DossierComponent> Components = [new("Tờ khai", Digitized: true, ReusedData: false, FromCitizenStore: false)];

    public static readonly string[] NamesOtherThanSubmit =
    [
        "Receive", "Refuse", "StartProcessing", "RequestSupplement", "CompleteSupplement", "RequestPayment", "RecordPayment",
        "FinishProcessing", "ReturnResult", "RequestWithdrawal", "StopProcessing", "IssueApology", "Rate", "MarkSynced",
    ];

    public static Submit Submit(DateTimeOffset at, Channel channel = Channel.InPerson, Procedure? procedure = null) =>
        new(Actor, at, DossierId, "00001", (procedure ?? FiveDays).Code, channel, ApplicantType.Citizen, VneidAuthenticated: true, Components, SyncedToNationalPortal: false);

    /// <summary>The command named <paramref name="name"/> at <paramref name="at"/>; an apology's new appointment is 30 days later.</summary>
    public static DossierCommand Named(string name, DateTimeOffset at) => name switch
    {
        "Submit" => Submit(at),
        "Receive" => new Receive(Actor, at),
        "Refuse" => new Refuse(Actor, at, "Thiếu giấy tờ"),
        "StartProcessing" => new StartProcessing(Actor, at, "Phòng Tư pháp"),
        "RequestSupplement" => new RequestSupplement(Actor, at, "Bổ sung bản sao"),
        "CompleteSupplement" => new CompleteSupplement(Actor, at, Components),
        "RequestPayment" => new RequestPayment(Actor, at, 100_000),
        "RecordPayment" => new RecordPayment(Actor, at, 100_000, PaymentMethod.OnlineNationalPortal),
        "FinishProcessing" => new FinishProcessing(Actor, at, "KQ-01", ElectronicResult: true),
        "ReturnResult" => new ReturnResult(Actor, at),
        "RequestWithdrawal" => new RequestWithdrawal(Actor, at, "Công dân xin rút"),
        "StopProcessing" => new StopProcessing(Actor, at, "Rút hồ sơ"),
        "IssueApology" => new IssueApology(Actor, at, "Chậm do thẩm định", at.AddDays(30)),
        "Rate" => new Rate(Actor, at, Satisfied: true),
        "MarkSynced" => new MarkSynced(Actor, at),
        _ => throw new ArgumentException($"No sample command {name}.", nameof(name)),
    };
}
