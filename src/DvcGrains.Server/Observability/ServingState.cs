namespace DvcGrains.Server.Observability;

/// <summary>
/// Whether this server takes traffic: true once the silo and Kestrel have started, false again from the moment
/// shutdown begins, so that load balancers drain it while in-flight calls finish.
/// </summary>
public sealed class ServingState
{
    private volatile bool _serving;

    public bool IsServing => _serving;

    public void Set(bool serving) => _serving = serving;
}
