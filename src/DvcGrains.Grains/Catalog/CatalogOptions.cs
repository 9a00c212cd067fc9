namespace DvcGrains.Grains.Catalog;

/// <summary>The <c>Dvc:Catalog</c> configuration section.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Dvc:Catalog";

    /// <summary>How often a silo asks the cluster's catalog for changes; an upsert waits about this long for each silo.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long an upsert waits for every silo to apply it before it answers UNAVAILABLE (the change stays saved).</summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
