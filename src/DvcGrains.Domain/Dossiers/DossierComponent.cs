namespace DvcGrains.Domain.Dossiers;

/// <summary>A document (thành phần hồ sơ) of a dossier.</summary>
/// <param name="Digitized">The component's file is attached (số hóa).</param>
/// <param name="ReusedData">Taken from already digitised data (tái sử dụng).</param>
/// <param name="FromCitizenStore">Taken from the citizen's data store on the national portal.</param>
public sealed record DossierComponent(string Name, bool Digitized, bool ReusedData, bool FromCitizenStore)
{
    /// <summary>The characters the components' names add to a dossier.</summary>
    public static int TextLengthOf(IEnumerable<DossierComponent> components) => components.Sum(component => component.Name.Length);
}
