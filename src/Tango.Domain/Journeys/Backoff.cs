namespace Tango.Domain.Journeys;

/// <summary>Retry delays for deliveries: doubling from a first delay up to a ceiling.</summary>
public static class Backoff
{
    /// <param name="failedAttempts">Attempts made so far (1 after the first failure).</param>
    public static TimeSpan After(int failedAttempts, TimeSpan first, TimeSpan ceiling)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var delay = first.TotalSeconds * Math.Pow(2, exponent);
        return TimeSpan.FromSeconds(Math.Min(delay, ceiling.TotalSeconds));
    }
}
