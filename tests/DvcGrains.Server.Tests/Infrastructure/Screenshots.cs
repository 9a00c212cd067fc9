using System.Buffers.Binary;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// Where the pages' screenshot tests write the README's pictures: <c>DVC_SCREENSHOTS</c> (a relative path is the
/// repository's, e.g. <c>docs/images</c>); without it, screenshots/ beside the test assembly.
/// </summary>
public static class Screenshots
{
    public static string Folder()
    {
        var configured = Environment.GetEnvironmentVariable("DVC_SCREENSHOTS");
        var folder = string.IsNullOrEmpty(configured)
            ? Path.Combine(AppContext.BaseDirectory, "screenshots")
            : Path.GetFullPath(configured, RepositoryFiles.Root());
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The width and height in a PNG's header (its IHDR chunk).</summary>
    public static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{path} is not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
