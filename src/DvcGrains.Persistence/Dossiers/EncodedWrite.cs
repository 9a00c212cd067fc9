using DvcGrains.Abstractions.Dossiers;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>A dossier write with its columns encoded, by the writer's own turn, so that a commit only sends.</summary>
internal sealed class EncodedWrite(DossierWrite write, UnitPath path)
{
    public DossierWrite Write { get; } = write;
    public UnitPath Path { get; } = path;
    public string EventJson { get; } = DossierRows.EventJson(write.Recorded.Event);
    public string FactsJson { get; } = DossierRows.FactsJson(write.Facts);
    public byte[] Fingerprint { get; } = write.Recorded.Fingerprint.ToBytes();
    public string? Components { get; } = ComponentsText.Encode(write.Summary.Components);
}
