using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Engine;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>
/// The list benchmark: a province's open dossiers, most urgent first, a page of 100 (Dossiers.List), as the officers
/// of its one-stop desks open their work queues.
/// </summary>
public sealed class WorkQueueScenario(string province) : IScenario
{
    public const int PageSize = 100;

    private readonly ListDossiersRequest _request = new()
    {
        UnitCode = province,
        Statuses = { DossierStatus.Submitted, DossierStatus.Received, DossierStatus.Processing, DossierStatus.SupplementRequested, DossierStatus.PaymentRequested },
        Order = DossierOrder.MostUrgentFirst,
        PageSize = PageSize,
    };

    public string Name => "work-queue";
    public IReadOnlyList<string> Steps { get; } = ["List"];
    public IReadOnlyCollection<string> UnitsWritten => [];

    public Iteration NextIteration(Random random, double progress) =>
        new("List", c => c.Call("List", o => c.Target.Dossiers.ListAsync(_request, o).ResponseAsync));
}
