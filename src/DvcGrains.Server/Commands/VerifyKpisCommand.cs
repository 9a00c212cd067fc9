using System.Data.Common;
using System.Globalization;
using System.Security.Authentication;
using DvcGrains.Persistence;
using DvcGrains.Persistence.Kpis;
using DvcGrains.Server.Hosting;
using DvcGrains.Server.Kpis;
using Grpc.Core;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Commands;

/// <summary>
/// <c>DvcGrains.Server verify-kpis [--target http(s)://HOST:PORT [--ca-file PEM] [--token-file FILE]] [--settle SECONDS]
/// [--ConnectionStrings:Postgres "..."]</c>: derives the KPIs from the dossiers' durable states and compares them with
/// the ledger and, with <c>--target</c>, with that server's live counters (<see cref="ServerConnection"/> says how it
/// reaches a server with TLS and tokens). Prints a summary line and the first mismatches; exits 0 when everything is exact,
/// 1 on a mismatch, 2 on a usage or connection error. Configuration (database, <c>Dvc:Hierarchy</c>) comes from the
/// same sources as the server's.
/// </summary>
public static class VerifyKpisCommand
{
    public const string Name = "verify-kpis";

    public const int Exact = 0;
    public const int Mismatch = 1;
    public const int Error = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var configuration = CommandConfiguration.Build(args);
        if (PostgresDatabase.ConnectionString(configuration) is not { } connectionString)
        {
            await error.WriteLineAsync(
                "verify-kpis: no database configured. Set ConnectionStrings:Postgres, e.g. " +
                "-- verify-kpis --ConnectionStrings:Postgres \"Host=...\" [--target http://127.0.0.1:5080].");
            return Error;
        }
        Uri? target = null;
        if (configuration["target"] is { Length: > 0 } address && !Uri.TryCreate(address, UriKind.Absolute, out target))
        {
            await error.WriteLineAsync($"verify-kpis: --target '{address}' is not an address; use the server's gRPC address, e.g. http://127.0.0.1:5080.");
            return Error;
        }
        var settle = KpiVerifier.DefaultSettle;
        if (configuration["settle"] is { Length: > 0 } seconds)
        {
            if (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                await error.WriteLineAsync($"verify-kpis: --settle '{seconds}' is not a number of seconds.");
                return Error;
            }
            settle = TimeSpan.FromSeconds(value);
        }

        var dvc = DvcOptions.Read(configuration);
        var database = "";
        try
        {
            database = PostgresDatabase.Describe(connectionString);
            await using var dataSource = PostgresConnectionOptions.Read(configuration, connectionString).DataSource(connectionString);
            var verifier = new KpiVerifier(new DurableKpiFacts(dataSource), DataFiles.LoadKpiUnits(dvc), TimeProvider.System);
            using var server = target is null ? null : ServerConnection.Open(target, configuration["ca-file"], configuration["token-file"]);
            var verification = await verifier.Verify(server is null ? null : new V1.Kpis.KpisClient(server.Invoker), settle, cancellationToken);
            foreach (var line in verification.Lines())
            {
                await output.WriteLineAsync(line);
            }
            return verification.IsExact ? Exact : Mismatch;
        }
        catch (DbException e)
        {
            await error.WriteLineAsync($"verify-kpis: database {database} failed: {e.Message}");
            return Error;
        }
        catch (RpcException e)
        {
            var hint = e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied
                ? " (--token-file gives a bearer token whose roles include kpis.read)"
                : e.Status.DebugException?.InnerException is AuthenticationException
                    ? " (its certificate is not trusted here: --ca-file gives the CA that signed it)"
                    : "";
            await error.WriteLineAsync($"verify-kpis: the server at {target} failed: {e.Status.StatusCode} {e.Status.Detail}{hint}");
            return Error;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await error.WriteLineAsync($"verify-kpis: {e.Message}");
            return Error;
        }
        catch (FormatException e)
        {
            await error.WriteLineAsync($"verify-kpis: {e.Message}");
            return Error;
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"verify-kpis: {e.Message}");
            return Error;
        }
    }
}
