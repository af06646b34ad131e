using System.CommandLine;
using System.Globalization;
using Outturn.Cli.Output;
using Outturn.Data.Cycle;
using Outturn.Data.Storage;
using Outturn.Data.Tables;
using Outturn.Domain.Cycle;

namespace Outturn.Cli.Commands;

/// <summary><c>outturn reminders</c>: sends (or, with --dry-run, lists) the reminder digests due now, one per
/// person.</summary>
internal static class RemindersCommand
{
    public static Command Build()
    {
        var org = CommonOptions.Org(required: false);
        var period = new Option<string>("--period", "-p")
        {
            Description = "Only this period's figures (default: every period that ended in the last year).",
        };
        var format = CommonOptions.Format();
        var dryRun = new Option<bool>("--dry-run") { Description = "List the digests without sending anything." };
        var smtp = new Option<string?>("--smtp")
        {
            Description = "The SMTP server as HOST:PORT (default: $OUTTURN_SMTP).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("OUTTURN_SMTP"),
        };
        var security = new Option<string>("--smtp-security")
        {
            Description = "none, starttls, ssl or auto (default: $OUTTURN_SMTP_SECURITY, or starttls).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("OUTTURN_SMTP_SECURITY") ?? "starttls",
        };
        var from = new Option<string?>("--from")
        {
            Description = "The sender's address (default: $OUTTURN_MAIL_FROM).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("OUTTURN_MAIL_FROM"),
        };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "The web app's address, for the links in each email (default: $OUTTURN_BASE_URL).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("OUTTURN_BASE_URL"),
        };
        var before = new Option<int>("--days-before")
        {
            Description = "Remind this many days before a deadline.",
            DefaultValueFactory = _ => 3,
        };
        var after = new Option<int>("--days-after")
        {
            Description = "Remind this many days after a deadline.",
            DefaultValueFactory = _ => 1,
        };
        var escalate = new Option<int>("--escalate-after")
        {
            Description = "Tell the owner's manager and the performance officers this many days after a deadline.",
            DefaultValueFactory = _ => 5,
        };
        var command = new Command(
            "reminders",
            "Send each person one email of what is due from them soon, overdue and returned to them (each reminder "
                + "once), escalating long-overdue figures; --dry-run lists them."
        )
        {
            org,
            period,
            format,
            dryRun,
            smtp,
            security,
            from,
            baseUrl,
            before,
            after,
            escalate,
        };
        command.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var o = await new EvaluationService(db).FindOrganisationAsync(parse.GetValue(org), ct);
                        var p = parse.GetValue(period) is { } text
                            ? CommonOptions.ParsePeriod(text)
                            : (Domain.Periods.Period?)null;
                        ReminderSettings settings;
                        try
                        {
                            settings = new ReminderSettings(
                                parse.GetValue(before),
                                parse.GetValue(after),
                                parse.GetValue(escalate)
                            );
                        }
                        catch (ArgumentOutOfRangeException)
                        {
                            throw new OutturnException(
                                "--days-before is 0 to 60, --days-after 1 to 60, and --escalate-after at least "
                                    + "--days-after and at most 120."
                            );
                        }

                        var email = EmailOf(parse.GetValue(smtp), parse.GetValue(security)!, parse.GetValue(from));
                        var service = new ReminderService(
                            db,
                            TimeProvider.System,
                            email,
                            settings,
                            parse.GetValue(baseUrl)
                        );
                        var rows = parse.GetValue(dryRun)
                            ? await service.PlanAsync(o, p, ct)
                            : await service.SendAsync(o, p, ct);
                        Printer.Print(
                            Table(rows),
                            parse.GetValue(format)!,
                            writer: CommonOptions.Out(parse),
                            maxWidth: 100
                        );
                        return 0;
                    }
                )
        );
        return command;
    }

    private static EmailSettings EmailOf(string? smtp, string security, string? from)
    {
        var settings = new EmailSettings { Security = security, From = from ?? "" };
        if (smtp is { Length: > 0 })
        {
            var colon = smtp.LastIndexOf(':');
            if (
                colon <= 0
                || !int.TryParse(smtp[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            )
            {
                throw new OutturnException($"--smtp '{smtp}': expected HOST:PORT, such as mail.example.gov.uk:587.");
            }

            settings.Host = smtp[..colon];
            settings.Port = port;
        }

        if (settings.Problems().FirstOrDefault() is { } problem)
        {
            throw new OutturnException(problem.Replace("Outturn:Email:From", "--from", StringComparison.Ordinal));
        }

        return settings;
    }

    public static TextTable Table(IEnumerable<DigestRow> rows) =>
        new(
            ["person", "email", "due_soon", "overdue", "returned", "escalated_to", "escalations_received"],
            [
                .. rows.Select(r =>
                    new string?[]
                    {
                        r.Person.DisplayName is { Length: > 0 } name ? name : r.Person.UserName,
                        r.Person.Email,
                        Count(r, ReminderKind.DueSoon),
                        Count(r, ReminderKind.Overdue),
                        Count(r, ReminderKind.Returned),
                        string.Join(
                            ";",
                            r.EscalatedTo.Select(p => p.Email ?? p.UserName).Order(StringComparer.Ordinal)
                        ),
                        Count(r, ReminderKind.Escalated),
                    }
                ),
            ]
        );

    private static string Count(DigestRow r, ReminderKind kind) =>
        r.Digest.Of(kind).Count().ToString(CultureInfo.InvariantCulture);
}
