using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Outturn.Data.Cycle;

/// <summary>Where email goes: an SMTP server (host, port, TLS, credentials) and the sender's address. Nothing is sent
/// when <see cref="Host"/> is not set.</summary>
public sealed class EmailSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>none, starttls (the default, as port 587 expects), ssl (port 465) or auto.</summary>
    public string Security { get; set; } = "starttls";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "";
    public string FromName { get; set; } = "Outturn";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>What is wrong with the settings, in words naming each setting; empty when none.</summary>
    public IEnumerable<string> Problems()
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (Port is < 1 or > 65535)
        {
            yield return $"Outturn:Email:Port {Port}: expected 1 to 65535";
        }

        if (SecurityOption is null)
        {
            yield return $"Outturn:Email:Security '{Security}': expected none, starttls, ssl or auto";
        }

        if (!MailboxAddress.TryParse(From, out _) || !From.Contains('@', StringComparison.Ordinal))
        {
            yield return $"Outturn:Email:From '{From}': expected the sender's email address";
        }
    }

    internal SecureSocketOptions? SecurityOption =>
        Security.ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "ssl" => SecureSocketOptions.SslOnConnect,
            "auto" => SecureSocketOptions.Auto,
            _ => null,
        };
}

/// <summary>One email: to one person (and copies), a subject and a plain-text body.</summary>
public sealed record EmailMessage(string To, IReadOnlyList<string> Cc, string Subject, string Body);

/// <summary>Sends email over SMTP with MailKit, one connection per batch.</summary>
public sealed class EmailSender(EmailSettings settings)
{
    public async Task SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken ct = default)
    {
        if (!settings.IsConfigured)
        {
            throw new OutturnException("No email server is configured (Outturn:Email:Host).");
        }

        if (messages.Count == 0)
        {
            return;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(
            settings.Host!,
            settings.Port,
            settings.SecurityOption ?? SecureSocketOptions.StartTls,
            ct
        );
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        }

        foreach (var m in messages)
        {
            await client.SendAsync(ToMime(m), ct);
        }

        await client.DisconnectAsync(quit: true, ct);
    }

    private MimeMessage ToMime(EmailMessage m)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(m.To));
        foreach (var cc in m.Cc)
        {
            message.Cc.Add(MailboxAddress.Parse(cc));
        }

        message.Subject = m.Subject;
        message.Body = new TextPart("plain") { Text = m.Body };
        return message;
    }
}
