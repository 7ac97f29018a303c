using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Tango.Store.Journeys;

namespace Tango.Journeys.Messaging;

/// <summary>An email ready for SMTP: the outbox row and, for marketing, its one-click unsubscribe link.</summary>
public sealed record OutgoingEmail(MessageRow Message, string? UnsubscribeUrl);

/// <summary>
/// Sends outbox emails over SMTP with MailKit, one connection per batch. Marketing mail carries
/// List-Unsubscribe and List-Unsubscribe-Post (RFC 8058 one-click). The Message-ID is the outbox id, so a
/// message resent after a crash between SMTP's acceptance and the store's record can be recognised downstream.
/// </summary>
public sealed class EmailSender(JourneyOptions options, TimeProvider clock)
{
    /// <returns>Per message: null when the server accepted it, else the error.</returns>
    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutgoingEmail> emails, CancellationToken ct)
    {
        var smtp = options.Smtp ?? throw new InvalidOperationException("No SMTP server is configured.");
        var outcomes = new string?[emails.Count];
        using var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.IsDefaultPort ? (smtp.Scheme == "smtps" ? 465 : 25) : smtp.Port,
                smtp.Scheme == "smtps" ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, ct);
            if (smtp.UserInfo is { Length: > 0 } userInfo)
            {
                var parts = userInfo.Split(':', 2);
                await client.AuthenticateAsync(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "", ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Array.Fill(outcomes, "smtp: " + ex.Message);
            return outcomes;
        }
        for (var i = 0; i < emails.Count; i++)
        {
            try
            {
                await client.SendAsync(Compose(emails[i]), ct);
            }
            catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException or ParseException or FormatException)
            {
                outcomes[i] = "smtp: " + ex.Message;
                if (!client.IsConnected)
                {
                    for (var j = i + 1; j < emails.Count; j++)
                    {
                        outcomes[j] = "smtp: connection lost";
                    }
                    break;
                }
            }
        }
        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        return outcomes;
    }

    private MimeMessage Compose(OutgoingEmail email)
    {
        var m = email.Message;
        var mime = new MimeMessage
        {
            Subject = m.Subject ?? "",
            MessageId = $"{m.MessageId}@tango",
            Date = clock.GetUtcNow(),
            Body = new TextPart("plain") { Text = m.Body },
        };
        mime.From.Add(MailboxAddress.Parse(options.MailFrom));
        mime.To.Add(MailboxAddress.Parse(m.ToAddress ?? throw new FormatException("No address.")));
        if (email.UnsubscribeUrl is { } url)
        {
            mime.Headers.Add("List-Unsubscribe", $"<{url}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return mime;
    }
}
