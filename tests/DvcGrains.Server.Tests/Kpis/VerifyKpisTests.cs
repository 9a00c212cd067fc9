using DvcGrains.Api.V1;
using DvcGrains.Server.Commands;
using DvcGrains.Server.Kpis;
using DvcGrains.Server.Security;
using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Kpis;

/// <summary>verify-kpis against a real database: exact after traffic, and every tampering with the ledger named.</summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class VerifyKpisTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task An_exact_database_and_server_pass_in_process_and_from_the_command_line()
    {
        await using var traffic = await Traffic.Run(postgres);

        var verification = await Verifier(traffic).Verify(traffic.Kpis, KpiVerifier.DefaultSettle);
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await VerifyKpisCommand.RunAsync(
            ["--ConnectionStrings:Postgres", traffic.ConnectionString, "--target", $"http://127.0.0.1:{traffic.Server.GrpcPort}"], output, error);

        // Units: the commune, its province and the nation; 4 dossiers.
        Assert.Equal([], verification.Mismatches);
        Assert.Equal("verify-kpis: 4 dossiers, 3 units checked, all counters and summaries exact", verification.Summary);
        Assert.Equal((VerifyKpisCommand.Exact, "verify-kpis: 4 dossiers, 3 units checked, all counters and summaries exact\n", ""), (exitCode, output.ToString(), error.ToString()));
    }

    [Fact]
    public async Task A_tampered_version_or_facts_and_a_missing_row_are_each_reported_by_dossier()
    {
        await using var traffic = await Traffic.Run(postgres);
        var (finished, secondFinished, open) = (traffic.Dossiers[0], traffic.Dossiers[2], traffic.Dossiers[1]);
        await using var database = NpgsqlDataSource.Create(traffic.ConnectionString);
        await Execute(database, "UPDATE kpi_ledger SET version = version - 1 WHERE dossier_id = $1", finished);
        await Execute(database, "UPDATE kpi_ledger SET facts = jsonb_set(facts, '{Synced}', 'true') WHERE dossier_id = $1", secondFinished);
        await Execute(database, "DELETE FROM kpi_ledger WHERE dossier_id = $1", open);

        var verification = await Verifier(traffic).Verify(live: null, settle: TimeSpan.Zero);
        var output = new StringWriter();
        var exitCode = await VerifyKpisCommand.RunAsync(["--ConnectionStrings:Postgres", traffic.ConnectionString, "--settle", "0"], output, TextWriter.Null);

        // Finished dossiers are at v3 (Submit, StartProcessing, FinishProcessing), open ones at v1.
        string[] expected =
        [
            $"dossier {finished}: stale ledger row at v2, the dossier is at v3",
            $"dossier {open}: missing from the ledger (the dossier is at v1, unit {traffic.Commune})",
            $"dossier {secondFinished} v3: ledger row differs in Synced",
        ];
        Assert.Equal(expected.OrderBy(l => l.Split(' ')[1], StringComparer.Ordinal), verification.Mismatches);
        Assert.Equal("verify-kpis: 4 dossiers, 0 units checked, 3 mismatches", verification.Summary);
        Assert.Equal(VerifyKpisCommand.Mismatch, exitCode);
        Assert.Equal([verification.Summary, .. verification.Mismatches], output.ToString().TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task A_row_without_a_dossier_is_extra_and_live_counters_that_drifted_are_reported_by_unit()
    {
        await using var traffic = await Traffic.Run(postgres);
        await using var database = NpgsqlDataSource.Create(traffic.ConnectionString);
        await Execute(database, "DELETE FROM dossier_event WHERE dossier_id = $1", traffic.Dossiers[3]);

        var verification = await Verifier(traffic).Verify(traffic.Kpis, settle: TimeSpan.Zero);

        // The server still counts the deleted dossier (open, submitted in person): one more received, received in
        // person and in progress than the durable states imply, in the commune, its province and the nation, and in their
        // figures of the communes' level.
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Year;
        var counters = "received 4 (expected 3), received_in_person 4 (expected 3), in_progress_within_deadline 2 (expected 1)";
        var drift = $"{counters}; COMMUNE: {counters}";
        string[] units = ["96", traffic.Commune, "VN"];
        Assert.Equal(
        [
            $"dossier {traffic.Dossiers[3]}: extra ledger row at v1 for unit {traffic.Commune}, no such dossier",
            $"dossier {traffic.Dossiers[3]}: extra summary row at v1, no such dossier",
            .. units.Order(StringComparer.Ordinal).Select(unit => $"unit {unit} year {year}: {drift}"),
        ], verification.Mismatches);
    }

    [Fact]
    public async Task A_summary_row_tampered_misplaced_or_missing_is_reported_by_dossier()
    {
        await using var traffic = await Traffic.Run(postgres);
        var (finished, open, misplaced) = (traffic.Dossiers[0], traffic.Dossiers[1], traffic.Dossiers[2]);
        await using var database = NpgsqlDataSource.Create(traffic.ConnectionString);
        await Execute(database, "UPDATE dossier SET status = 10, synced = true WHERE dossier_id = $1", finished);
        await Execute(database, "UPDATE dossier SET province_code = '79' WHERE dossier_id = $1", misplaced);
        await Execute(database, "DELETE FROM dossier WHERE dossier_id = $1", open);

        var verification = await Verifier(traffic).Verify(live: null, settle: TimeSpan.Zero);

        string[] expected =
        [
            $"dossier {finished} v3: summary row differs in Status, SyncedToNationalPortal",
            $"dossier {open}: missing from the read model (the dossier is at v1)",
            $"dossier {misplaced}: listed under {traffic.Commune} in 79, counted under {traffic.Commune} in 96",
        ];
        Assert.Equal(expected.OrderBy(l => l.Split(' ')[1], StringComparer.Ordinal), verification.Mismatches);
    }

    [Fact]
    public async Task A_server_with_tls_and_tokens_is_verified_through_its_ca_and_a_token_file()
    {
        using var pki = new TestPki();
        await using var traffic = await Traffic.Run(postgres, pki);
        var tokenFile = pki.PathOf("verifier.jwt");
        await File.WriteAllTextAsync(tokenFile, pki.Token(subject: "kpi-auditor", roles: [DvcRole.KpisRead]) + "\n");
        string[] database = ["--ConnectionStrings:Postgres", traffic.ConnectionString, "--target", traffic.Server.Address, "--settle", "0"];

        var (exact, output, _) = await VerifyKpis([.. database, "--ca-file", pki.PathOf("ca.pem"), "--token-file", tokenFile]);
        var (anonymous, _, unauthenticated) = await VerifyKpis([.. database, "--ca-file", pki.PathOf("ca.pem")]);
        var (untrusted, _, tlsRefused) = await VerifyKpis([.. database, "--token-file", tokenFile]);
        var (cleartext, _, tokenRefused) = await VerifyKpis(
            ["--ConnectionStrings:Postgres", traffic.ConnectionString, "--target", "http://10.20.30.40:5080", "--token-file", tokenFile]);

        Assert.Equal((VerifyKpisCommand.Exact, "verify-kpis: 4 dossiers, 3 units checked, all counters and summaries exact\n"), (exact, output));
        Assert.Equal(VerifyKpisCommand.Error, anonymous);
        Assert.StartsWith($"verify-kpis: the server at {traffic.Server.Address}/ failed: Unauthenticated", unauthenticated);
        Assert.Contains("--token-file gives a bearer token whose roles include kpis.read", unauthenticated);
        Assert.Equal(VerifyKpisCommand.Error, untrusted);
        Assert.StartsWith($"verify-kpis: the server at {traffic.Server.Address}/ failed: Internal Error starting gRPC call", tlsRefused);
        Assert.EndsWith("(its certificate is not trusted here: --ca-file gives the CA that signed it)\n", tlsRefused);
        Assert.Equal((VerifyKpisCommand.Error, "verify-kpis: --token-file needs an https:// --target: a bearer token is not sent in cleartext to 10.20.30.40.\n"),
            (cleartext, tokenRefused));
    }

    private static async Task<(int ExitCode, string Output, string Error)> VerifyKpis(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await VerifyKpisCommand.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static KpiVerifier Verifier(Traffic traffic) => Verifiers.Of(NpgsqlDataSource.Create(traffic.ConnectionString));

    private static async Task Execute(NpgsqlDataSource database, string sql, string dossierId)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = dossierId });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>
    /// A server on its own database (with TLS and tokens when given a PKI), and four dossiers submitted in person to one
    /// commune of province 96: the first and third then processed and finished (v3), the second and fourth left open
    /// (v1); counted up to the nation.
    /// </summary>
    private sealed class Traffic : IAsyncDisposable
    {
        private Traffic(RunningServer server, Api.V1.Kpis.KpisClient kpis, string connectionString, string commune, IReadOnlyList<string> dossiers)
        {
            Server = server;
            Kpis = kpis;
            ConnectionString = connectionString;
            Commune = commune;
            Dossiers = dossiers;
        }

        public RunningServer Server { get; }

        /// <summary>The server's KPIs, read with a token when the server requires one.</summary>
        public Api.V1.Kpis.KpisClient Kpis { get; }
        public string ConnectionString { get; }
        public string Commune { get; }
        public IReadOnlyList<string> Dossiers { get; }

        public static async Task<Traffic> Run(PostgresServer postgres, TestPki? pki = null)
        {
            var connectionString = await postgres.CreateMigratedDatabaseAsync();
            var server = pki is null
                ? RunningServer.WithArguments("--ConnectionStrings:Postgres", connectionString)
                : RunningServer.Secure(pki, "--ConnectionStrings:Postgres", connectionString);
            await server.InitializeAsync();
            var calls = pki is null ? server.Channel.CreateCallInvoker() : TestPki.Bearer(server.Channel, pki.Token());
            var (catalog, portal, kpis) = (new Catalog.CatalogClient(calls), new Api.V1.Dossiers.DossiersClient(calls), new Api.V1.Kpis.KpisClient(calls));
            var commune = (await catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "96" })).Units[0].Code;
            var procedure = (await catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
            var dossiers = Enumerable.Range(0, 4).Select(_ => NewDossierId()).ToList();
            foreach (var (id, i) in dossiers.Select((id, i) => (id, i)))
            {
                await portal.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = commune, ProcedureCode = procedure, Channel = Channel.InPerson });
                if (i % 2 == 0)
                {
                    await portal.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id) });
                    await portal.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(id), ResultCode = "KQ" });
                }
            }
            // Rolled up to the nation: a comparison that does not wait sees the server settled.
            await Eventually.Read(
                () => kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "VN", Period = new Period { Kind = PeriodKind.Year } }).ResponseAsync,
                report => report.Counters.Received == dossiers.Count);
            return new Traffic(server, kpis, connectionString, commune, dossiers);
        }

        public ValueTask DisposeAsync() => new(Server.DisposeAsync());
    }
}
