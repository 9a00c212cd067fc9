using Microsoft.Net.Http.Headers;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Security;

/// <summary>
/// A citizen's look-up (<c>Dossiers.Lookup</c>) needs no portal identity: with JWT on, a call of it without an
/// <c>Authorization</c> header is a public caller's, on either transport (a token sent is checked as always). What
/// guards it is the look-up code and each client's budget of wrong guesses (<see cref="LookupGuesses"/>), not a token.
/// </summary>
public sealed class PublicLookup(AuthMode mode)
{
    public static readonly string Method = $"/{V1.Dossiers.Descriptor.FullName}/{nameof(V1.Dossiers.DossiersBase.Lookup)}";

    /// <summary>The call is a look-up without a token, on a server that authenticates.</summary>
    public bool Admits(HttpContext http, string method) =>
        mode != AuthMode.None && method == Method && !http.Request.Headers.ContainsKey(HeaderNames.Authorization);

    /// <summary>The citizen who looks a dossier up, known by its <paramref name="client"/> key: no role, no unit, no KPI beyond what is public anyway.</summary>
    public static Caller Citizen(string client) => Caller.Public(client, readsAnyKpis: false);
}
