using MimeKit;
using Tango.Hosting.Options;

namespace Tango.Journeys;

/// <summary>
/// The journey engine's settings: how often it looks, where mail goes, how deliveries are retried. Bound from
/// `--smtp`, `--mail-from`, `--journey-interval`, `--journey-settle`, `--webhook-concurrency`, `--webhooks-allow-private` and their TANGO_*
/// variables; `PublicUrl` comes from <see cref="AddressOptions.LinkOrigin"/>.
/// </summary>
public sealed class JourneyOptions
{
    /// <summary>How often the worker reads new events, runs due steps and delivers (`--journey-interval` seconds).</summary>
    [ConfigurationKeyName("journey-interval")]
    public double IntervalSeconds { get; set; } = 5;

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    /// <summary>
    /// The event cursor only moves past rows received longer ago than this (`--journey-settle` seconds): a
    /// PostgreSQL transaction still open that long is not expected, so nothing behind the cursor can appear later.
    /// </summary>
    [ConfigurationKeyName("journey-settle")]
    public double SettleSeconds { get; set; } = 30;

    public TimeSpan Settle => TimeSpan.FromSeconds(SettleSeconds);

    /// <summary>How often dates, insights and the like are scanned for birthdays, anniversaries and lapsing members.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>`--smtp smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…` (TLS from the start); null: email waits.</summary>
    [ConfigurationKeyName("smtp")]
    public Uri? Smtp { get; set; }

    [ConfigurationKeyName("mail-from")]
    public string MailFrom { get; set; } = "Tango <no-reply@localhost>";

    /// <summary>Where links in messages point (unsubscribe, surveys): `--public-url`, else the address the server listens on.</summary>
    public string PublicUrl { get; set; } = AddressOptions.DefaultUrl;

    public int EventPage { get; set; } = 1000;
    public int StepBatch { get; set; } = 50;
    public int DeliveryBatch { get; set; } = 20;

    /// <summary>How long a claimed delivery is left to its node before another may retry it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromHours(6);
    public int MaxAttempts { get; set; } = 10;
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public const int DefaultWebhookConcurrency = 4;

    /// <summary>`--webhook-concurrency` (TANGO_WEBHOOK_CONCURRENCY): deliveries in flight to one webhook URL at once, per node.</summary>
    [ConfigurationKeyName("webhook-concurrency")]
    public int WebhookConcurrency { get; set; } = DefaultWebhookConcurrency;

    /// <summary>
    /// `--webhooks-allow-private` (TANGO_WEBHOOKS_ALLOW_PRIVATE=true): let webhooks reach loopback and private
    /// addresses, for a receiver on the same machine or network. Off, such URLs are refused and such addresses
    /// are never connected to, whatever a host name resolves to at send time.
    /// </summary>
    [ConfigurationKeyName("webhooks-allow-private")]
    public bool WebhooksAllowPrivate { get; set; }

    public static IEnumerable<string> Problems(JourneyOptions options)
    {
        if (!(options.IntervalSeconds > 0) || double.IsInfinity(options.IntervalSeconds))
        {
            yield return $"{OptionsSetup.Name("journey-interval")} must be a number of seconds above 0, not {options.IntervalSeconds}.";
        }
        if (!(options.SettleSeconds > 0) || double.IsInfinity(options.SettleSeconds))
        {
            yield return $"{OptionsSetup.Name("journey-settle")} must be a number of seconds above 0, not {options.SettleSeconds}.";
        }
        if (options.Smtp is { } smtp && !(smtp.IsAbsoluteUri && smtp.Scheme is "smtp" or "smtps" && smtp.Host.Length > 0))
        {
            yield return $"{OptionsSetup.Name("smtp")} must be smtp://host:port or smtps://host:port.";
        }
        if (options.WebhookConcurrency is < 1 or > 1000)
        {
            yield return $"{OptionsSetup.Name("webhook-concurrency")} must be a whole number from 1 to 1000, not {options.WebhookConcurrency}.";
        }
        if (!MailboxAddress.TryParse(options.MailFrom, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return $"{OptionsSetup.Name("mail-from")}: '{options.MailFrom}' is not a mail address such as \"Shop <news@example.com>\".";
        }
    }
}
