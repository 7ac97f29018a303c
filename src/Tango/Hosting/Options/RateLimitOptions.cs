namespace Tango.Hosting.Options;

/// <summary>`--rate-limit N` (TANGO_RATE_LIMIT): requests per second per API key; 0 turns limiting off.</summary>
public sealed class RateLimitOptions
{
    public const int DefaultPerSecond = 5_000;

    [ConfigurationKeyName("rate-limit")]
    public int PerSecond { get; set; } = DefaultPerSecond;

    public static IEnumerable<string> Problems(RateLimitOptions options)
    {
        if (options.PerSecond < 0)
        {
            yield return $"{OptionsSetup.Name("rate-limit")} must be 0 (no limit) or more, not {options.PerSecond}.";
        }
    }
}
