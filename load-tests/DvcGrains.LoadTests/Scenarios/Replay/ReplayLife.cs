using DvcGrains.Api.V1;
using DvcGrains.Domain.Time;
using DvcGrains.LoadTests.Engine;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Verification;

namespace DvcGrains.LoadTests.Scenarios.Replay;

/// <summary>
/// One dossier's life on the replay's business clock, sent as fast as the server answers, each command stamped with
/// its business time: filed in office hours of the business day the run has reached, received, processed for a share
/// of the working time its appointment leaves, sometimes paused for a supplement (the server moves the appointment),
/// finished on time, or late after an apology slip, or left open for weeks past its deadline; some refused or withdrawn. Times
/// only move forward within a dossier, and a life that would reach the wall clock ends there, open. The province's
/// dossiers go to its own agencies, its districts and its communes, each level with its own shares.
/// </summary>
public sealed class ReplayLife(
    ReferenceData data, BusinessClock clock, ProvinceAgencies province, UnitPicker others, ReplayMix replay, CampaignMix mix, LocalDossierCodes codes)
{
    private int _apologies;

    /// <summary>How far behind the wall clock a business time must stay: the server refuses times ahead of its own clock.</summary>
    private static readonly TimeSpan WallClockMargin = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public IReadOnlyCollection<string> Units { get; } = [.. province.Units.Union(others.Communes, StringComparer.Ordinal)];

    /// <summary>The apology slips the province's dossiers were given on the campaign's days (the lead-in's apart).</summary>
    public int Apologies => Volatile.Read(ref _apologies);

    public Iteration NextIteration(Random random, double progress)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (day, campaign) = clock.At(progress);
        var inProvince = random.NextDouble() < replay.ProvinceShare;
        var (unit, level) = inProvince ? province.Pick(random) : (others.Pick(random), UnitLevel.Commune);
        var shares = inProvince ? replay.Province(campaign, level) : replay.Others;
        var procedure = data.Procedures[random.Next(data.Procedures.Count)];
        var online = random.NextDouble() < shares.Online;
        var channel = online ? Channel.Online : random.NextDouble() < mix.PostalShare ? Channel.Postal : Channel.InPerson;
        var filedAt = clock.OfficeTime(day, random.NextDouble() * 0.95);
        return new Iteration("Submit", context => Live(context, new Plan(unit, procedure, channel, shares, filedAt, DateTimeOffset.UtcNow - WallClockMargin, inProvince)));
    }

    private async Task Live(IterationContext context, Plan plan)
    {
        var random = context.Random;
        var dossier = new DossierSteps(context, new DossierRecord(codes.Next(plan.Unit, plan.FiledAt), plan.Unit, plan.Channel));
        var time = new LifeTime(dossier, plan.FiledAt, plan.Latest);
        var syncedAtSubmit = random.NextDouble() < mix.SyncedAtSubmit;
        var reply = await dossier.Submit(
            plan.Procedure.Code,
            random.NextDouble() < mix.Enterprise ? ApplicantType.Enterprise : ApplicantType.Citizen,
            vneid: plan.Channel == Channel.Online && random.NextDouble() < mix.VneidOnline,
            synced: syncedAtSubmit,
            Components(random, plan.Shares, count: 1 + random.Next(3)));
        if (plan.Channel == Channel.Online)
        {
            if (!time.MoveTo(clock.After(time.Now, Minute * (5 + random.Next(240)))))
            {
                return;
            }
            if (random.NextDouble() < replay.RefusedOnline)
            {
                await dossier.Refuse("Hồ sơ không đúng thẩm quyền");
                return;
            }
            reply = await dossier.Receive();
        }
        var appointment = reply.Dossier.AppointmentAt.ToDateTimeOffset();
        if (random.NextDouble() < replay.Withdrawn)
        {
            if (time.MoveTo(clock.AfterDays(time.Now, 0.1 + random.NextDouble())))
            {
                await dossier.RequestWithdrawal("Công dân xin rút hồ sơ");
                time.MoveTo(clock.After(time.Now, Minute * 30));
                await dossier.StopProcessing("Rút hồ sơ theo yêu cầu");
            }
            return;
        }
        if (!time.MoveTo(clock.After(time.Now, Minute * (10 + random.Next(110)))))
        {
            return;
        }
        await dossier.StartProcessing("Bộ phận một cửa");
        if (random.NextDouble() < replay.Supplemented)
        {
            if (!time.MoveTo(Share(time.Now, appointment, 0.1 + 0.4 * random.NextDouble())))
            {
                return;
            }
            await dossier.RequestSupplement("Thiếu bản sao giấy tờ");
            // The applicant takes calendar days to come back; the server moves the appointment by the pause.
            if (!time.MoveTo(clock.AfterDays(time.Now, 1 + 4 * random.NextDouble())))
            {
                return;
            }
            appointment = (await dossier.CompleteSupplement(Components(random, plan.Shares, count: 1))).Dossier.AppointmentAt.ToDateTimeOffset();
        }
        if (plan.Procedure.FeeVnd > 0)
        {
            if (!time.MoveTo(clock.After(time.Now, Minute * (15 + random.Next(60)))))
            {
                return;
            }
            await dossier.RequestPayment(plan.Procedure.FeeVnd);
            if (!time.MoveTo(clock.After(time.Now, Minute * (30 + random.Next(480)))))
            {
                return;
            }
            await dossier.RecordPayment(plan.Procedure.FeeVnd, random.NextDouble() < plan.Shares.PaidOnline ? PaymentMethod.OnlineNationalPortal : PaymentMethod.Cash);
        }
        if (random.NextDouble() < plan.Shares.OnTime)
        {
            if (!time.MoveTo(Share(time.Now, appointment, 0.2 + 0.75 * random.NextDouble())))
            {
                return;
            }
        }
        else
        {
            // Late: the appointment's day goes by, the office apologises the next working day and sets a new appointment.
            var apologyAt = clock.After(clock.NextWorkingMorning(appointment), Minute * random.Next(240));
            if (!time.MoveTo(apologyAt < time.Now ? clock.After(time.Now, Minute) : apologyAt))
            {
                return;
            }
            var newAppointment = clock.AfterDays(time.Now, 2 + random.Next(8));
            await dossier.IssueApology("Hồ sơ cần thêm thời gian thẩm định", newAppointment);
            if (plan.InProvince && VietnamTime.DateOf(time.Now) >= clock.Days[0])
            {
                Interlocked.Increment(ref _apologies);
            }
            // Most late dossiers are finished by the new appointment; the others stay open, overdue, for weeks.
            var finishedAt = random.NextDouble() < replay.LeftOpen
                ? clock.AfterDays(time.Now, 15 + random.Next(25))
                : Share(time.Now, newAppointment, 0.3 + 0.7 * random.NextDouble());
            if (!time.MoveTo(finishedAt))
            {
                return;
            }
        }
        await dossier.FinishProcessing("KQ", electronicResult: random.NextDouble() < mix.ElectronicResult);
        if (!time.MoveTo(clock.AfterDays(time.Now, 0.1 + 2 * random.NextDouble())))
        {
            return;
        }
        await dossier.ReturnResult();
        if (random.NextDouble() < mix.Rated && time.MoveTo(clock.After(time.Now, Minute * (1 + random.Next(120)))))
        {
            await dossier.Rate(satisfied: random.NextDouble() >= mix.Unsatisfied);
        }
        if (!syncedAtSubmit && random.NextDouble() < mix.SyncedLater && time.MoveTo(clock.After(time.Now, Minute * 5)))
        {
            await dossier.MarkSynced();
        }
    }

    /// <summary>A share of the office time from <paramref name="from"/> to <paramref name="until"/> after <paramref name="from"/> (at least a minute).</summary>
    private DateTimeOffset Share(DateTimeOffset from, DateTimeOffset until, double share)
    {
        var working = clock.WorkingTimeBetween(from, until) * share;
        return clock.After(from, working > Minute ? working : Minute);
    }

    private List<Component> Components(Random random, ReplayShares shares, int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new Component
        {
            Name = i == 0 ? "Tờ khai" : "Giấy tờ kèm theo",
            Digitized = random.NextDouble() < shares.Digitized,
            ReusedData = random.NextDouble() < mix.ReusedData,
            FromCitizenStore = random.NextDouble() < mix.FromCitizenStore,
        }),
    ];

    private sealed record Plan(string Unit, Procedure Procedure, Channel Channel, ReplayShares Shares, DateTimeOffset FiledAt, DateTimeOffset Latest, bool InProvince);

    /// <summary>The dossier's business time: only forward, never up to the wall clock; the steps carry it.</summary>
    private sealed class LifeTime
    {
        private readonly DossierSteps _steps;
        private readonly DateTimeOffset _latest;

        public LifeTime(DossierSteps steps, DateTimeOffset filedAt, DateTimeOffset latest)
        {
            _steps = steps;
            _latest = latest;
            Now = filedAt;
            steps.BusinessTime = filedAt;
        }

        public DateTimeOffset Now { get; private set; }

        /// <summary>Moves to <paramref name="at"/> (or just after now, never back); false when that would reach the wall clock.</summary>
        public bool MoveTo(DateTimeOffset at)
        {
            var next = at > Now ? at : Now + TimeSpan.FromMilliseconds(1);
            if (next > _latest)
            {
                return false;
            }
            Now = next;
            _steps.BusinessTime = next;
            return true;
        }
    }
}
