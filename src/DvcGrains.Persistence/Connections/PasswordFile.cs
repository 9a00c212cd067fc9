namespace DvcGrains.Persistence.Connections;

/// <summary>A database password kept in a file (a mounted Secret) rather than in the connection string or the environment.</summary>
public static class PasswordFile
{
    /// <summary>The file's text without the line break an editor or <c>kubectl create secret --from-file</c> leaves at its end.</summary>
    public static string Read(string path) => File.ReadAllText(path).TrimEnd('\r', '\n');

    public static async ValueTask<string> ReadAsync(string path, CancellationToken cancellationToken) =>
        (await File.ReadAllTextAsync(path, cancellationToken)).TrimEnd('\r', '\n');
}
