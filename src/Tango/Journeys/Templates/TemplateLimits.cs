namespace Tango.Journeys.Templates;

/// <summary>
/// What one message template may cost. A template is typed by a tenant's admin and rendered by the server for
/// every member it reaches, so it is sandboxed: its output, every value it builds (strings, lists), the ranges it
/// walks, the steps it takes and the time it runs are all bounded, and a render that would go past any of them
/// stops at once rather than after the memory is spent.
/// </summary>
public static class TemplateLimits
{
    /// <summary>A rendered message (its body, in UTF-8) is at most 64 KiB.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>The size of any value a template makes: characters of its strings plus items of its lists.</summary>
    public const int MaxValueSize = 64 * 1024;

    /// <summary>A range such as (1..n) lists at most this many numbers.</summary>
    public const int MaxRangeItems = 10_000;

    /// <summary>Statements run, loop turns included.</summary>
    public const int MaxSteps = 100_000;

    /// <summary>Nesting depth (no template may include another, so this only guards deep nesting).</summary>
    public const int MaxRecursion = 20;

    /// <summary>
    /// Wall-clock time for one render, measured on the real clock (not the injected TimeProvider): it guards the
    /// machine's CPU, and a test's frozen clock must not turn it off.
    /// </summary>
    public static readonly TimeSpan MaxRenderTime = TimeSpan.FromSeconds(1);
}

/// <summary>Why a template did not render; the reason a skipped message records.</summary>
public static class TemplateRefusals
{
    public const string TooLarge = "message-too-large";
    public const string TooSlow = "template-too-slow";
    public const string Failed = "template-failed";
}

/// <summary>A render: the text, or why there is none.</summary>
public sealed record Rendered(string? Text, string? Refusal, string? Detail)
{
    public static Rendered Ok(string text) => new(text, null, null);

    public static Rendered Refused(string reason, string detail) => new(null, reason, detail);
}

/// <summary>Thrown inside a render to stop it; never leaves <see cref="LiquidTemplates"/>.</summary>
internal sealed class TemplateLimitException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
