using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Operations;

public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task On_sigterm_the_server_stops_taking_traffic_finishes_what_it_has_and_exits_cleanly()
    {
        await using var server = await ServerProcess.Start();
        var dossiers = new Dossiers.DossiersClient(server.Channel);
        var procedure = (await new Catalog.CatalogClient(server.Channel).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        using var stop = new CancellationTokenSource();
        var outcomes = new System.Collections.Concurrent.ConcurrentQueue<StatusCode>();
        var load = Task.Run(async () =>
        {
            for (var i = 0; i < 5_000 && !stop.IsCancellationRequested; i++)
            {
                try
                {
                    await dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(NewDossierId()), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.Online });
                    outcomes.Enqueue(StatusCode.OK);
                }
                catch (RpcException e)
                {
                    outcomes.Enqueue(e.StatusCode);
                }
            }
        });
        // Stopped under load: once the server has answered a few commands.
        while (outcomes.Count(code => code == StatusCode.OK) < 20 && !load.IsCompleted)
        {
            await Task.Delay(10);
        }

        server.Terminate();
        await server.WaitForExit(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await load;

        Assert.True(server.ExitCode == 0, $"exit code {server.ExitCode}\n{server.Output}");
        Assert.Contains(StatusCode.OK, outcomes);
        Assert.All(outcomes, code => Assert.True(code is StatusCode.OK or StatusCode.Unavailable, $"{code} during shutdown\n{server.Output}"));
        Assert.False(server.Output.Contains("fail:", StringComparison.Ordinal), $"errors logged during shutdown:\n{server.Output}");
    }
}
