using System.Globalization;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// A server process whose clock is off by a fixed offset, as on a machine whose NTP has stopped: libfaketime (Debian's
/// <c>faketime</c> package) preloaded into it. Its monotonic clock moves by the same offset, which changes no interval
/// measured with it; left true, libfaketime's handling of .NET's timed waits made a silo start three times slower.
/// </summary>
public static class FakeClock
{
    private static readonly string[] LibraryDirectories = ["/usr/lib/x86_64-linux-gnu/faketime", "/usr/lib/aarch64-linux-gnu/faketime", "/usr/lib/faketime", "/usr/local/lib/faketime"];

    /// <summary>The multi-threaded library, which a .NET process needs.</summary>
    public static string Library =>
        LibraryDirectories.Select(directory => Path.Combine(directory, "libfaketimeMT.so.1")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "The clock tests run silos under libfaketime, which is not installed (looked for libfaketimeMT.so.1 in " +
            $"{string.Join(", ", LibraryDirectories)}). Install it: `sudo apt-get install -y faketime` (Debian/Ubuntu); .ci/run does.");

    public static ProcessLaunch Offset(TimeSpan offset) => new()
    {
        Environment = new Dictionary<string, string>
        {
            ["LD_PRELOAD"] = Library,
            ["FAKETIME"] = (offset >= TimeSpan.Zero ? "+" : "-") + ((long)offset.Duration().TotalSeconds).ToString(CultureInfo.InvariantCulture),
        },
        // libfaketime removes its shared memory in its exit handler, which a killed silo never runs.
        LeavesBehind = pid => [$"/dev/shm/faketime_shm_{pid}", $"/dev/shm/sem.faketime_sem_{pid}"],
    };
}
