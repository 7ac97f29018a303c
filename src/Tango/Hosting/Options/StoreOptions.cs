namespace Tango.Hosting.Options;

/// <summary>Which store Tango runs on and how many writer loops commit to it (`--database`, `--writers`).</summary>
public sealed class StoreOptions
{
    public const string DefaultDatabase = "tango.db";
    public const int DefaultPostgresWriters = 2;
    public const int MaxWriters = 64;

    /// <summary>A SQLite file path, or a PostgreSQL connection string (it contains '=').</summary>
    [ConfigurationKeyName("database")]
    public string Database { get; set; } = DefaultDatabase;

    /// <summary>Writer loops (and connections) for the group commit on PostgreSQL; SQLite always has one.</summary>
    [ConfigurationKeyName("writers")]
    public int? Writers { get; set; }

    public static IEnumerable<string> Problems(StoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Database))
        {
            yield return $"{OptionsSetup.Name("database")} is empty: give a SQLite file path or a PostgreSQL connection string.";
        }
        if (options.Writers is { } writers && writers is < 1 or > MaxWriters)
        {
            yield return $"{OptionsSetup.Name("writers")} must be from 1 to {MaxWriters}, not {writers}.";
        }
    }
}
