using System.Text.RegularExpressions;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Persistence.Dossiers;
using Npgsql;

namespace DvcGrains.Persistence.Tests.Dossiers;

/// <summary>What the commit's statements bind for a batch of writes, read off the batch without a database.</summary>
public sealed partial class CommitBatchStatementTests
{
    /// <summary>$8, the summary's first column.</summary>
    private const int FirstSummaryParameter = 7;

    private static readonly CommitFence Fence = new("cluster-a", "10.0.0.7", 11111, 42);

    private static readonly DossierWriters Writers = new(11, "2025:0123456789abcdef");

    private static readonly DatabaseIncarnation Incarnation = new(3, 0x5eed);

    [Fact]
    public void The_event_and_ledger_columns_bind_an_element_per_write_in_the_batch_order()
    {
        var first = Writes.Submitted(Writes.NewDossierId(), "00004", requestId: "first");
        var second = Writes.Started(Writes.Submitted(Writes.NewDossierId(), "31825"), requestId: "second");
        using var command = CommitBatchStatement.Create(connection: null, Fence, Writers, Incarnation);

        CommitBatchStatement.Bind(command, [Encoded(first), Encoded(second)]);

        Assert.Equal([first.DossierId, second.DossierId], Value<string[]>(command, 0));
        Assert.Equal([1, 2], Value<int[]>(command, 1));
        Assert.Equal(["first", "second"], Value<string[]>(command, 2));
        Assert.Equal([first.Recorded.Fingerprint.ToBytes(), second.Recorded.Fingerprint.ToBytes()], Value<byte[][]>(command, 3));
        Assert.Equal([(typeof(DossierSubmitted), 1L), (typeof(ProcessingStarted), 2L)],
            Value<string[]>(command, 4).Select(DossierRows.Event).Select(recorded => (recorded.GetType(), recorded.Version)));
        Assert.Equal(["00004", "31825"], Value<string[]>(command, 5));
        Assert.Equal([DossierRows.FactsJson(first.Facts), DossierRows.FactsJson(second.Facts)], Value<string[]>(command, 6));
    }

    [Fact]
    public void The_summary_columns_bind_in_the_batch_order_and_what_a_dossier_lacks_binds_as_null()
    {
        var plain = Writes.Submitted(Writes.NewDossierId(), "00004");
        var submitted = Writes.Submitted(Writes.NewDossierId(), "25165");
        var finishedAt = new DateTimeOffset(2026, 3, 5, 16, 30, 0, TimeSpan.FromHours(7));
        var complete = submitted with
        {
            Summary = submitted.Summary with { Components = [new DossierComponent("Tờ khai", Digitized: true, false, false)], FinishedAt = finishedAt },
        };
        using var command = CommitBatchStatement.Create(connection: null, Fence, Writers, Incarnation);

        CommitBatchStatement.Bind(command, [Encoded(plain), new EncodedWrite(complete, new UnitPath("25165", "683", "68"))]);

        Assert.Equal([plain.DossierId, complete.DossierId], Column<string[]>(command, "dossier_id"));
        Assert.Equal(["00004", "25165"], Column<string[]>(command, "counted_unit"));
        Assert.Equal(new string?[] { null, "683" }, Column<string?[]>(command, "district_code"));
        Assert.Equal(["01", "68"], Column<string[]>(command, "province_code"));
        Assert.Equal([(short)DossierStatus.Received, (short)DossierStatus.Received], Column<short[]>(command, "status"));
        Assert.Equal([plain.Summary.SubmittedAt.UtcDateTime, complete.Summary.SubmittedAt.UtcDateTime], Column<DateTime[]>(command, "submitted_at"));
        Assert.Equal([null, finishedAt.UtcDateTime], Column<DateTime?[]>(command, "finished_at"));
        Assert.Equal(DateTimeKind.Utc, Column<DateTime?[]>(command, "finished_at")[1]!.Value.Kind);
        Assert.Equal(new string?[] { null, "17:Tờ khai" }, Column<string?[]>(command, "components"));
    }

    [Fact]
    public void A_batch_bound_after_another_replaces_every_array_and_the_fence_writer_and_incarnation_stay()
    {
        using var command = CommitBatchStatement.Create(connection: null, Fence, Writers, Incarnation);
        CommitBatchStatement.Bind(command, [Encoded(Writes.Submitted(Writes.NewDossierId())), Encoded(Writes.Submitted(Writes.NewDossierId()))]);
        var last = Writes.Submitted(Writes.NewDossierId());

        CommitBatchStatement.Bind(command, [Encoded(last)]);

        var arrays = CommitBatchStatement.Writing(command).Parameters.Take(CommitBatchStatement.FenceParameter - 1).Select(parameter => (Array)parameter.Value!).ToList();
        Assert.Equal(7 + DossierSummaryColumns.Names.Count, arrays.Count);
        Assert.All(arrays, array => Assert.Single(array));
        Assert.Equal([last.DossierId], Value<string[]>(command, 0));
        Assert.Equal(["cluster-a", "10.0.0.7", 11111, 42, 3], CommitBatchStatement.Writing(command).Parameters.Skip(CommitBatchStatement.FenceParameter - 1).Select(parameter => parameter.Value));
        Assert.Equal(["cluster-a", "10.0.0.7", 11111, 42], command.BatchCommands[0].Parameters.Select(parameter => parameter.Value));
        Assert.Equal(["cluster-a", "10.0.0.7", 11111, 42, 11, "2025:0123456789abcdef"], command.BatchCommands[1].Parameters.Select(parameter => parameter.Value));
    }

    [Fact]
    public void Each_text_numbers_each_parameter_its_statement_has_and_the_fence_goes_first()
    {
        using var command = CommitBatchStatement.Create(connection: null, Fence, Writers, Incarnation);
        IEnumerable<NpgsqlBatchCommand> statements = command.BatchCommands;

        Assert.Equal([CommitBatchStatement.Enter, CommitBatchStatement.Check, CommitBatchStatement.Text], statements.Select(statement => statement.CommandText));
        Assert.All(statements, statement =>
            Assert.Equal(Enumerable.Range(1, statement.Parameters.Count), Numbers(statement.CommandText).Order()));
        Assert.Equal(CommitBatchStatement.FenceParameter + 4, CommitBatchStatement.Writing(command).Parameters.Count);
        // The fault tests find the lanes waiting on the fence in pg_stat_activity by this start.
        Assert.StartsWith("SELECT pg_advisory_xact_lock_shared(15, ", CommitBatchStatement.Enter, StringComparison.Ordinal);
    }

    private static HashSet<int> Numbers(string text) =>
        [.. Placeholder().Matches(text).Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    private static EncodedWrite Encoded(DossierWrite write) => new(write, TestUnits.KpiUnits.PathOf(write.UnitCode));

    private static T Value<T>(NpgsqlBatch command, int index) => (T)CommitBatchStatement.Writing(command).Parameters[index].Value!;

    private static T Column<T>(NpgsqlBatch command, string name) =>
        Value<T>(command, FirstSummaryParameter + DossierSummaryColumns.Names.Select(column => column.Name).ToList().IndexOf(name));

    [GeneratedRegex(@"\$([0-9]+)")]
    private static partial Regex Placeholder();
}
