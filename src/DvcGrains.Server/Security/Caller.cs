using System.Collections.Frozen;
using DvcGrains.Domain.Access;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Text;
using DvcGrains.Server.Edge;
using Grpc.Core;

namespace DvcGrains.Server.Security;

/// <summary>
/// Who sent a call, as authentication established it: the token's subject, its roles and the units it may act for.
/// With authentication off every caller is <see cref="Anonymous"/>: no subject, every role, every unit.
/// </summary>
/// <param name="ReadsAnyKpis">KPIs and rankings of every unit are open to this caller (public KPIs, or no authentication).</param>
/// <param name="TokenValidUntil">The last instant the caller's token is taken (its expiry and the allowed clock skew); null without authentication.</param>
/// <param name="IsPublic">A client without a token on a call open to the public: its limits are the public's, apart from the portals'.</param>
public sealed record Caller(string Subject, IReadOnlySet<string> Roles, CallerScope Scope, bool ReadsAnyKpis, DateTimeOffset? TokenValidUntil, bool IsPublic = false)
{
    public static readonly Caller Anonymous = new("", DvcRole.All, CallerScope.Everything, ReadsAnyKpis: true, TokenValidUntil: null);

    /// <summary>
    /// A caller without a token on a call open to the public (<see cref="PublicScoreboard"/>, <see cref="PublicLookup"/>):
    /// no role, no unit, named <c>public@ADDRESS</c> after its <paramref name="client"/> key (<see cref="ClientAddress"/>), so
    /// that the public's rate limit and bound on open streams hold for each client.
    /// </summary>
    public static Caller Public(string client, bool readsAnyKpis) =>
        new($"public@{client}", FrozenSet<string>.Empty, new CallerScope([], coversAll: false, []), readsAnyKpis, TokenValidUntil: null, IsPublic: true);

    /// <summary>Refuses the call as FORBIDDEN unless the caller holds <paramref name="role"/>.</summary>
    public void Require(string role, string method)
    {
        if (!Roles.Contains(role))
        {
            throw DvcErrors.Rejected(RejectionReason.Forbidden, SecurityMessages.RoleMissing.With(method.TrimStart('/'), role, QuotedInput.Of(Subject)));
        }
    }

    /// <summary>Refuses the call as FORBIDDEN unless the caller may act for <paramref name="unitCode"/>.</summary>
    public void RequireUnit(string unitCode, Message what)
    {
        if (Scope.WhyNot(unitCode, what) is { } why)
        {
            throw DvcErrors.Rejected(RejectionReason.Forbidden, why);
        }
    }

    /// <summary>KPIs of <paramref name="unitCode"/>: open when public, otherwise the role and the unit are needed.</summary>
    public void RequireKpis(string unitCode, string method)
    {
        if (!ReadsAnyKpis)
        {
            Require(DvcRole.KpisRead, method);
            RequireUnit(unitCode, SecurityMessages.KpisOf.With(method.TrimStart('/')));
        }
    }
}

public static class CallerContext
{
    /// <summary>The caller <see cref="CallerAdmission"/> established for this call before its request was read.</summary>
    public static Caller Caller(this ServerCallContext context) =>
        context.GetHttpContext().Features.Get<Caller>()
        ?? throw new InvalidOperationException($"{context.Method} ran without caller admission.");
}
