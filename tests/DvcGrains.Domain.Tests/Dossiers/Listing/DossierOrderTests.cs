using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Listing;

namespace DvcGrains.Domain.Tests.Dossiers.Listing;

public sealed class DossierOrderTests
{
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void Newest_first_sorts_by_submission_then_code_both_descending()
    {
        DossierListKey[] keys = [new(Nine, "A"), new(Nine.AddHours(1), "B"), new(Nine, "C")];

        var sorted = keys.Order(Comparer<DossierListKey>.Create((x, y) => DossierOrder.NewestFirst.Compare(x, y)));

        Assert.Equal(["B", "C", "A"], sorted.Select(k => k.DossierId));
    }

    [Fact]
    public void Most_urgent_first_sorts_by_appointment_then_code_and_puts_dossiers_without_one_last()
    {
        DossierListKey[] keys = [new(null, "A"), new(Nine.AddHours(1), "B"), new(Nine, "D"), new(Nine, "C"), new(null, "0")];

        var sorted = keys.Order(Comparer<DossierListKey>.Create((x, y) => DossierOrder.MostUrgentFirst.Compare(x, y)));

        Assert.Equal(["C", "D", "B", "0", "A"], sorted.Select(k => k.DossierId));
    }

    [Fact]
    public void A_dossiers_key_is_its_submission_or_its_appointment()
    {
        var received = DossierSummary.Of(DossierScenario.Received().State);
        var online = DossierSummary.Of(DossierScenario.Submitted(DossierScenario.Start).State);

        Assert.Equal(new DossierListKey(received.SubmittedAt, received.DossierId), DossierOrder.NewestFirst.KeyOf(received));
        Assert.Equal(new DossierListKey(received.Appointment, received.DossierId), DossierOrder.MostUrgentFirst.KeyOf(received));
        Assert.Null(DossierOrder.MostUrgentFirst.KeyOf(online).At);
    }
}
