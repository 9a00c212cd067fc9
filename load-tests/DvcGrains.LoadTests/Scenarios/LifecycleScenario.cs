using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Engine;
using DvcGrains.LoadTests.Verification;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>
/// The durable-throughput benchmark: dossiers filed in person and taken straight to RETURNED, Submit → StartProcessing →
/// FinishProcessing → ReturnResult, over the communes of one province or of the whole country.
/// </summary>
public sealed class LifecycleScenario(UnitPicker units, string procedureCode, CodeSource codes, LocalDossierCodes localCodes) : IScenario
{
    public const string ScenarioName = "lifecycle";

    public string Name => ScenarioName;

    public IReadOnlyList<string> Steps { get; } =
        codes == CodeSource.Allocate
            ? ["AllocateCode", "Submit", "StartProcessing", "FinishProcessing", "ReturnResult"]
            : ["Submit", "StartProcessing", "FinishProcessing", "ReturnResult"];

    public IReadOnlyCollection<string> UnitsWritten => units.Communes;

    public Iteration NextIteration(Random random, double progress)
    {
        var unit = units.Pick(random);
        return new Iteration(Steps[0], context => Live(context, unit));
    }

    private async Task Live(IterationContext context, string unit)
    {
        var id = codes == CodeSource.Allocate ? await DossierSteps.AllocateCode(context, unit) : localCodes.Next(unit, DateTimeOffset.UtcNow);
        var dossier = new DossierSteps(context, new DossierRecord(id, unit, Channel.InPerson));
        await dossier.Submit(procedureCode, ApplicantType.Citizen, vneid: false, synced: false, [new Component { Name = "Tờ khai", Digitized = true }]);
        await dossier.StartProcessing("Bộ phận một cửa");
        await dossier.FinishProcessing("KQ", electronicResult: true);
        await dossier.ReturnResult();
    }
}
