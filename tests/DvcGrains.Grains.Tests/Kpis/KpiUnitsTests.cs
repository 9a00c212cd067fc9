using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Units;
using DvcGrains.Grains.Embedded;

namespace DvcGrains.Grains.Tests.Kpis;

public sealed class KpiUnitsTests
{
    private static readonly UnitMapping Mapping = UnitMapping.Load(new StringReader("old_code,new_code\n00001,00004\n"), ShippedData.Units);
    private static readonly KpiUnits Units = new(ShippedData.Units, Mapping);

    [Fact]
    public void A_dossier_counts_for_its_unit_its_units_successor_or_the_units_outside()
    {
        Assert.Equal(("00004", "00004", KpiUnits.Outside), (Units.CountedBy("00004"), Units.CountedBy("00001"), Units.CountedBy("00006")));
        Assert.Equal(("01", "VN", "VN", (string?)null), (Units.ParentOf("00004"), Units.ParentOf("01"), Units.ParentOf(KpiUnits.Outside), Units.ParentOf("VN")));
        Assert.Contains(KpiUnits.Outside, Units.ChildrenOf("VN"));
        Assert.Empty(Units.ChildrenOf(KpiUnits.Outside));
    }

    [Fact]
    public async Task A_unit_counts_its_own_rows_and_its_predecessors_and_the_outside_counts_the_rows_no_unit_holds()
    {
        var ledger = new InMemoryKpiLedger(new InMemoryDossierDatabase());

        Assert.Equal(["00004", "00001"], await Units.LedgerUnitsOf("00004", ledger, CancellationToken.None));
        Assert.Empty(await Units.LedgerUnitsOf(KpiUnits.Outside, ledger, CancellationToken.None));
    }
}
