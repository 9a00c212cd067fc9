using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Engine;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Verification;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>
/// One dossier's whole life as a campaign mixes them: filed online, in person or by post at a commune the picker draws,
/// under a procedure of the catalog; received or refused; sometimes withdrawn, supplemented or stopped; fees paid,
/// more and more online; finished, returned, rated and synchronised to the national portal.
/// </summary>
public sealed class CampaignLife(ReferenceData data, UnitPicker units, CampaignMix mix, CodeSource codes, LocalDossierCodes localCodes)
{
    private static readonly string[] Departments = ["Văn phòng HĐND-UBND", "Phòng Tư pháp", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội"];

    public IReadOnlyCollection<string> Communes => units.Communes;

    public string FirstStep => codes == CodeSource.Allocate ? "AllocateCode" : "Submit";

    public Iteration NextIteration(Random random, double progress)
    {
        ArgumentNullException.ThrowIfNull(random);
        var unit = units.Pick(random);
        var procedure = data.Procedures[random.Next(data.Procedures.Count)];
        var online = random.NextDouble() < mix.OnlineShare(progress);
        var channel = online ? Channel.Online : random.NextDouble() < mix.PostalShare ? Channel.Postal : Channel.InPerson;
        var paidOnline = random.NextDouble() < mix.PaidOnline(progress);
        return new Iteration(FirstStep, context => Live(context, unit, procedure, channel, paidOnline));
    }

    private async Task Live(IterationContext context, string unit, Procedure procedure, Channel channel, bool paidOnline)
    {
        var random = context.Random;
        var id = codes == CodeSource.Allocate ? await DossierSteps.AllocateCode(context, unit) : localCodes.Next(unit, DateTimeOffset.UtcNow);
        var dossier = new DossierSteps(context, new DossierRecord(id, unit, channel));
        var syncedAtSubmit = random.NextDouble() < mix.SyncedAtSubmit;
        await dossier.Submit(
            procedure.Code,
            random.NextDouble() < mix.Enterprise ? ApplicantType.Enterprise : ApplicantType.Citizen,
            vneid: channel == Channel.Online && random.NextDouble() < mix.VneidOnline,
            synced: syncedAtSubmit,
            Components(random, count: 1 + random.Next(3)));
        if (channel == Channel.Online)
        {
            if (random.NextDouble() < mix.RefusedOnline)
            {
                await dossier.Refuse("Hồ sơ không đúng thẩm quyền");
                return;
            }
            await dossier.Receive();
        }
        if (random.NextDouble() < mix.WithdrawnEarly)
        {
            await dossier.RequestWithdrawal("Công dân xin rút hồ sơ");
            await dossier.StopProcessing("Rút hồ sơ theo yêu cầu");
            return;
        }
        await dossier.StartProcessing(Departments[random.Next(Departments.Length)]);
        if (random.NextDouble() < mix.SupplementRequested)
        {
            await dossier.RequestSupplement("Thiếu bản sao giấy tờ");
            await dossier.CompleteSupplement(Components(random, count: 1));
        }
        if (procedure.FeeVnd > 0)
        {
            await dossier.RequestPayment(procedure.FeeVnd);
            await dossier.RecordPayment(procedure.FeeVnd, paidOnline ? PaymentMethod.OnlineNationalPortal : PaymentMethod.Cash);
        }
        if (random.NextDouble() < mix.StoppedInProcessing)
        {
            await dossier.StopProcessing("Hồ sơ không đủ điều kiện giải quyết");
            return;
        }
        await dossier.FinishProcessing("KQ", electronicResult: random.NextDouble() < mix.ElectronicResult);
        await dossier.ReturnResult();
        if (random.NextDouble() < mix.Rated)
        {
            await dossier.Rate(satisfied: random.NextDouble() >= mix.Unsatisfied);
        }
        if (!syncedAtSubmit && random.NextDouble() < mix.SyncedLater)
        {
            await dossier.MarkSynced();
        }
    }

    private List<Component> Components(Random random, int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new Component
        {
            Name = i == 0 ? "Tờ khai" : "Giấy tờ kèm theo",
            Digitized = random.NextDouble() < mix.Digitized,
            ReusedData = random.NextDouble() < mix.ReusedData,
            FromCitizenStore = random.NextDouble() < mix.FromCitizenStore,
        }),
    ];
}
