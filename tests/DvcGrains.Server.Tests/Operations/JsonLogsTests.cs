using System.Text.Json;
using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Operations;

public sealed class JsonLogsTests
{
    [Fact]
    public async Task With_the_json_formatter_every_console_line_is_one_json_entry_a_log_shipper_can_read()
    {
        await using var server = await ServerProcess.Start("--Logging:Console:FormatterName", "json");

        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.NotEmpty(entries);
        Assert.Contains(entries, entry =>
            entry.GetProperty("LogLevel").GetString() == "Warning"
            && entry.GetProperty("Category").GetString() == "DvcGrains.Server"
            && entry.GetProperty("Message").GetString()!.Contains("embedded default", StringComparison.Ordinal));
    }
}
