using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Verification;
using Google.Protobuf.WellKnownTypes;

namespace DvcGrains.LoadTests.Tests.Verification;

public sealed class KpiTallyTests
{
    private static readonly Dictionary<string, string[]> Ancestors = new() { ["26734"] = ["79", "VN"] };

    [Fact]
    public void Cohort_counters_follow_reception_and_events_their_own_Vietnam_year()
    {
        // Submitted online at 23:30 on 31 December (Vietnam), received and handled in the new year.
        var dossier = new DossierRecord("D1", "26734", Channel.Online);
        var submitted = new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(7));
        dossier.Submitted(new SubmitRequest
        {
            Meta = new CommandMeta { At = Timestamp.FromDateTimeOffset(submitted) },
            Channel = Channel.Online,
            VneidAuthenticated = true,
            Components = { new Component { Digitized = true }, new Component { Digitized = true, ReusedData = true } },
        });
        dossier.Received(At(submitted.AddHours(9)));
        dossier.SupplementRequested(At(submitted.AddHours(10)));
        dossier.AddComponents([new Component { Digitized = false }]);
        dossier.PaymentRequested(50_000);
        dossier.PaymentRecorded(PaymentMethod.OnlineNationalPortal);
        dossier.Finished(At(submitted.AddHours(11)), electronicResult: true);
        dossier.Returned(At(submitted.AddHours(12)));
        dossier.Rated(At(submitted.AddHours(13)), satisfied: false);

        var tally = KpiTally.Of([dossier], unit => Ancestors.GetValueOrDefault(unit, []));

        Assert.Equal(["26734/2027", "79/2027", "VN/2027"], tally.Counts.Keys.Select(k => $"{k.Unit}/{k.Period}").Order(StringComparer.Ordinal));
        var counts = tally.Counts[("VN", "2027")];
        long Count(string counter) => counts[TalliedCounters.IndexOf(counter)];
        Assert.Equal(1, Count("received"));
        Assert.Equal(1, Count("received_online"));
        Assert.Equal(0, Count("digitized")); // the supplement added an undigitised component
        Assert.Equal(1, Count("reused_data"));
        Assert.Equal(1, Count("vneid_authenticated"));
        Assert.Equal(1, Count("fee_dossiers"));
        Assert.Equal(1, Count("paid_online"));
        Assert.Equal(1, Count("supplement_requests"));
        Assert.Equal(1, Count("finished"));
        Assert.Equal(1, Count("results_issued"));
        Assert.Equal(1, Count("electronic_results"));
        Assert.Equal(1, Count("returned"));
        Assert.Equal(1, Count("rated"));
        Assert.Equal(1, Count("rated_unsatisfied"));
        Assert.Equal(0, Count("synced"));
    }

    [Fact]
    public void A_refused_online_dossier_counts_as_received_on_its_submission_and_refused_on_its_refusal()
    {
        var dossier = new DossierRecord("D2", "26734", Channel.Online);
        var submitted = new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero); // 23:00 in Vietnam
        dossier.Submitted(new SubmitRequest { Meta = new CommandMeta { At = Timestamp.FromDateTimeOffset(submitted) }, Channel = Channel.Online });
        dossier.Refused(At(submitted.AddHours(2)));

        var tally = KpiTally.Of([dossier], unit => Ancestors.GetValueOrDefault(unit, []));

        Assert.Equal(1, tally.Counts[("26734", "2026")][TalliedCounters.IndexOf("received")]);
        Assert.Equal(0, tally.Counts[("26734", "2026")][TalliedCounters.IndexOf("refused")]);
        Assert.Equal(1, tally.Counts[("26734", "2027")][TalliedCounters.IndexOf("refused")]);
    }

    [Fact]
    public void Business_times_of_a_dossier_always_move_forward()
    {
        var dossier = new DossierRecord("D3", "26734", Channel.InPerson);
        var now = DateTimeOffset.UtcNow;

        var first = dossier.NextAt(now).ToDateTimeOffset();
        var second = dossier.NextAt(now.AddSeconds(-1)).ToDateTimeOffset();

        Assert.Equal(now, first);
        Assert.Equal(now.AddMilliseconds(1), second);
    }

    private static Timestamp At(DateTimeOffset at) => Timestamp.FromDateTimeOffset(at);
}
