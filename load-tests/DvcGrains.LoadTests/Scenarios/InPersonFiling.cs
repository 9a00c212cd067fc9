using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Engine;
using DvcGrains.LoadTests.Verification;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>
/// How the benchmark scenarios (lifecycle, filing, backlog) file their dossiers: in person by a citizen, at a commune
/// the picker draws, under one procedure, with a code from AllocateCode or from the generator.
/// </summary>
public sealed class InPersonFiling(UnitPicker units, string procedureCode, CodeSource codes, LocalDossierCodes localCodes)
{
    public IReadOnlyCollection<string> Communes => units.Communes;

    /// <summary>An AllocateCode call comes before each Submit.</summary>
    public bool AllocatesCodes => codes == CodeSource.Allocate;

    public string PickUnit(Random random) => units.Pick(random);

    /// <summary>A new dossier at <paramref name="unit"/>, submitted: its steps, for the commands that follow.</summary>
    public async Task<DossierSteps> File(IterationContext context, string unit)
    {
        var id = AllocatesCodes ? await DossierSteps.AllocateCode(context, unit) : localCodes.Next(unit, DateTimeOffset.UtcNow);
        var dossier = new DossierSteps(context, new DossierRecord(id, unit, Channel.InPerson));
        await dossier.Submit(procedureCode, ApplicantType.Citizen, vneid: false, synced: false, [new Component { Name = "Tờ khai", Digitized = true }]);
        return dossier;
    }
}
