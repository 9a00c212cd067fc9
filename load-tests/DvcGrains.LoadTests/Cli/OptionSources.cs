using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace DvcGrains.LoadTests.Cli;

/// <summary>
/// Reads the options from the configuration file and the command line into one <see cref="LoadTestOptions"/>: the
/// command line becomes a JSON object of the same shape as the file (<c>--max-lag 20ms</c> is <c>"max_lag": "20ms"</c>,
/// a flag is <c>true</c>, a repeated option a list) laid over it, so both are checked by one schema.
/// </summary>
public static class OptionSources
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    private static readonly Dictionary<string, PropertyInfo> Options =
        typeof(LoadTestOptions).GetProperties().ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), StringComparer.Ordinal);

    /// <summary>The options of <paramref name="args"/>, over those of the --config file when there is one.</summary>
    public static LoadTestOptions Read(IReadOnlyList<string> args)
    {
        var (configFile, command) = FromCommandLine(args);
        var merged = configFile is null ? new JsonObject() : FromFile(configFile);
        foreach (var (key, value) in command)
        {
            merged[key] = value?.DeepClone();
        }
        try
        {
            return merged.Deserialize<LoadTestOptions>(Json) ?? new LoadTestOptions();
        }
        catch (JsonException e)
        {
            throw new UsageException($"Option {Where(e.Path)}: {e.Message}", e);
        }
    }

    private static (string? ConfigFile, JsonObject Command) FromCommandLine(IReadOnlyList<string> args)
    {
        var command = new JsonObject();
        string? configFile = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"'{arg}' is not an option; options start with --. See --help.");
            }
            var (name, inlineValue) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (arg[2..eq], arg[(eq + 1)..]) : (arg[2..], null);
            string Value() => inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value. See --help."));
            if (name == "config")
            {
                configFile = Value();
                continue;
            }
            var key = name.Replace('-', '_');
            if (!Options.TryGetValue(key, out var option) || option.PropertyType == typeof(List<ScenarioOptions>) || key is "mix" or "replay_mix")
            {
                throw new UsageException($"Unknown option --{name}. See --help.");
            }
            if (option.PropertyType == typeof(bool?))
            {
                command[key] = inlineValue is null || (bool.TryParse(inlineValue, out var flag) ? flag : throw new UsageException($"--{name} is a switch: give it alone, or =true or =false."));
            }
            else if (option.PropertyType == typeof(List<string>))
            {
                var list = command[key] as JsonArray ?? [];
                list.Add(Value());
                command[key] = list;
            }
            else
            {
                command[key] = Value();
            }
        }
        return (configFile, command);
    }

    private static JsonObject FromFile(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new UsageException($"--config {path}: the file must hold one JSON object.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new UsageException($"--config {path}: {e.Message}", e);
        }
    }

    private static string Where(string? path) =>
        string.IsNullOrEmpty(path) ? "(file)" : path.TrimStart('$', '.');
}
