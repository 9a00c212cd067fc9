using DvcGrains.Api.V1;
using DvcGrains.Server.Audit;
using Google.Protobuf.WellKnownTypes;

namespace DvcGrains.Server.Tests.Audit;

/// <summary>A list's query as the record of reads keeps it: every field set, by its name in the contract, and no other.</summary>
public sealed class ReadAuditQueriesTests
{
    [Fact]
    public void A_list_is_kept_as_its_unit_and_the_filters_it_set()
    {
        var request = new ListDossiersRequest
        {
            UnitCode = "79",
            Statuses = { DossierStatus.Received, DossierStatus.Processing },
            Timeliness = { Timeliness.Overdue },
            SubmittedFrom = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
            ProcedureCode = "1.001193",
            Channel = Channel.Online,
            NotSynced = true,
            Order = DossierOrder.MostUrgentFirst,
            PageSize = 100,
            PageToken = "opaque",
        };

        Assert.Equal(
            "unit_code=79 statuses=Received,Processing timeliness=Overdue submitted_from=2026-12-01T00:00:00.0000000+00:00 " +
            "procedure_code=1.001193 channel=Online not_synced=true order=MostUrgentFirst page_size=100 (a next page)",
            ReadAuditQueries.Of(request));
        Assert.Equal("unit_code=VN", ReadAuditQueries.Of(new ListDossiersRequest { UnitCode = "VN" }));
    }
}
