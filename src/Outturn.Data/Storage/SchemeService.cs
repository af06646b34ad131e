using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Domain.Values;

namespace Outturn.Data.Storage;

/// <summary>Changes an organisation's rating scheme. Each setting is checked before anything is saved.</summary>
public sealed class SchemeService(OutturnDbContext db)
{
    public async Task<Organisation> SetAsync(
        string organisation,
        string? amberTolerance,
        string? blueMargin,
        string? missing,
        string? directionTolerance,
        string? directionStyle = null,
        string? directionMethod = null,
        CancellationToken ct = default
    )
    {
        var org =
            await db.Organisations.SingleOrDefaultAsync(o => o.Name == organisation, ct)
            ?? throw new OutturnException($"There is no organisation named '{organisation}'.");
        if (amberTolerance is not null)
        {
            org.AmberTolerance = ParseTolerance("--amber-tolerance", amberTolerance);
        }

        if (blueMargin is not null)
        {
            org.BlueMargin = blueMargin.Trim().ToLowerInvariant() is "none" or "0" or "off"
                ? null
                : ParseTolerance("--blue-margin", blueMargin);
        }

        if (missing is not null)
        {
            org.MissingRating = missing.Trim().ToLowerInvariant() switch
            {
                "no_data" or "nodata" or "no data" => "no_data",
                "amber" => "amber",
                _ => throw new OutturnException($"--missing '{missing}': expected no_data or amber."),
            };
        }

        if (directionTolerance is not null)
        {
            org.DirectionTolerance = ParseTolerance("--direction-tolerance", directionTolerance);
        }

        if (directionStyle is not null)
        {
            org.DirectionStyle = ParseCode<Domain.Framework.DirectionStyle>("--direction-style", directionStyle);
        }

        if (directionMethod is not null)
        {
            org.DirectionMethod = ParseCode<Domain.Framework.DirectionMethod>("--direction-method", directionMethod);
        }

        org.MarkChanged();
        await db.SaveChangesAsync(ct);
        return org;
    }

    /// <summary>The setting's canonical code, or an error naming the option, the value and the codes
    /// expected.</summary>
    private static string ParseCode<TEnum>(string option, string text)
        where TEnum : struct, Enum =>
        Domain.Framework.Codes.TryParse<TEnum>(text, out var value)
            ? Domain.Framework.Codes.Of(value)
            : throw new OutturnException($"{option} '{text}': expected {Domain.Framework.Codes.Expected<TEnum>()}.");

    private static string ParseTolerance(string option, string text) =>
        Tolerance.TryParse(text, out var t, out var error)
            ? t.ToString()
            : throw new OutturnException($"{option}: {error}");
}
