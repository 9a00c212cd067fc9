using System.Diagnostics;
using DvcGrains.Api.V1;
using DvcGrains.Server.Hosting;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Operations;

/// <summary>
/// A silo told to stop while its database is gone cannot tell the cluster it leaves, and Orleans keeps trying for
/// minutes; the server exits within Dvc:ShutdownTimeout all the same, saying so.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class ShutdownWithoutDatabaseTests : IAsyncLifetime
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly PostgresServer _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task A_silo_stopped_after_its_database_went_away_exits_within_its_shutdown_timeout()
    {
        var database = await _postgres.CreateMigratedDatabaseAsync();
        await using var server = await ServerProcess.Start("--ConnectionStrings:Postgres", database, "--Dvc:ShutdownTimeout", "00:00:05");
        var procedure = (await new Catalog.CatalogClient(server.Channel).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        await new Dossiers.DossiersClient(server.Channel).SubmitAsync(
            new SubmitRequest { Meta = Meta(NewDossierId()), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.Online });
        await _postgres.StopAsync();

        var stopping = Stopwatch.StartNew();
        server.Terminate();
        await server.WaitForExit(TimeSpan.FromMinutes(1));

        // The exit itself (loggers written out, the runtime torn down) takes a moment past the deadline.
        Assert.True(stopping.Elapsed < ShutdownTimeout + TimeSpan.FromSeconds(3), $"exited after {stopping.Elapsed}\n{server.Output}");
        Assert.Equal(ShutdownDeadline.ExitCode, server.ExitCode);
        Assert.Contains("did not stop within Dvc:ShutdownTimeout (00:00:05)", server.Output, StringComparison.Ordinal);
    }
}
