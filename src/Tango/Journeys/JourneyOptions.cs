using System.Globalization;
using Tango.Hosting;

namespace Tango.Journeys;

/// <summary>The journey engine's settings: how often it looks, where mail goes, how deliveries are retried.</summary>
public sealed record JourneyOptions
{
    /// <summary>How often the worker reads new events, runs due steps and delivers (`--journey-interval` seconds).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The event cursor only moves past rows received longer ago than this (`--journey-settle` seconds): a
    /// PostgreSQL transaction still open that long is not expected, so nothing behind the cursor can appear later.
    /// </summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often dates, insights and the like are scanned for birthdays, anniversaries and lapsing members.</summary>
    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>`--smtp smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…` (TLS from the start); null: email waits.</summary>
    public Uri? Smtp { get; init; }

    public string MailFrom { get; init; } = "Tango <no-reply@localhost>";

    /// <summary>Where links in messages point (unsubscribe, surveys): `--public-url`, else the address the server listens on.</summary>
    public string PublicUrl { get; init; } = TangoApp.DefaultUrl;

    public int EventPage { get; init; } = 1000;
    public int StepBatch { get; init; } = 50;
    public int DeliveryBatch { get; init; } = 20;

    /// <summary>How long a claimed delivery is left to its node before another may retry it.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetry { get; init; } = TimeSpan.FromHours(6);
    public int MaxAttempts { get; init; } = 10;
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// `--webhooks-allow-private` (TANGO_WEBHOOKS_ALLOW_PRIVATE=true): let webhooks reach loopback and private
    /// addresses, for a receiver on the same machine or network. Off, such URLs are refused and such addresses
    /// are never connected to, whatever a host name resolves to at send time.
    /// </summary>
    public bool WebhooksAllowPrivate { get; init; }

    public static JourneyOptions From(IConfiguration configuration)
    {
        string? Setting(string name, string env) => configuration[name] is { Length: > 0 } value ? value : Environment.GetEnvironmentVariable(env);
        var options = new JourneyOptions();
        if (Seconds(Setting("journey-interval", "TANGO_JOURNEY_INTERVAL")) is { } interval)
        {
            options = options with { Interval = interval };
        }
        if (Seconds(Setting("journey-settle", "TANGO_JOURNEY_SETTLE")) is { } settle)
        {
            options = options with { Settle = settle };
        }
        if (Setting("smtp", "TANGO_SMTP") is { } smtp)
        {
            options = options with
            {
                Smtp = Uri.TryCreate(smtp, UriKind.Absolute, out var uri) && uri.Scheme is "smtp" or "smtps"
                ? uri : throw new InvalidOperationException("--smtp must be smtp://host:port or smtps://host:port.")
            };
        }
        if (Setting("mail-from", "TANGO_MAIL_FROM") is { } from)
        {
            options = options with { MailFrom = from };
        }
        if (Setting("webhooks-allow-private", "TANGO_WEBHOOKS_ALLOW_PRIVATE") is { } allow)
        {
            options = options with
            {
                WebhooksAllowPrivate = bool.TryParse(allow, out var yes) ? yes
                    : throw new InvalidOperationException("--webhooks-allow-private must be true or false.")
            };
        }
        var publicUrl = Setting("public-url", "TANGO_PUBLIC_URL") ?? configuration["urls"]?.Split(';')[0];
        if (!string.IsNullOrEmpty(publicUrl) && !publicUrl.EndsWith(":0", StringComparison.Ordinal))
        {
            options = options with { PublicUrl = publicUrl.TrimEnd('/') };
        }
        return options;
    }

    private static TimeSpan? Seconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? TimeSpan.FromSeconds(s) : null;
}
