using System.Globalization;
using DvcGrains.Domain.Time;

namespace DvcGrains.Domain.Dossiers;

/// <summary>How rejection messages write instants: Vietnam time, to the second, with the offset.</summary>
internal static class DossierMessageText
{
    public static string Instant(DateTimeOffset instant) =>
        VietnamTime.ToVietnam(instant).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
