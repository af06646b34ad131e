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
            org.DirectionStyle = Domain.Framework.Codes.TryParse<Domain.Framework.DirectionStyle>(
                directionStyle,
                out var style
            )
                ? Domain.Framework.Codes.Of(style)
                : throw new OutturnException(
                    $"--direction-style '{directionStyle}': expected "
                        + $"{Domain.Framework.Codes.Expected<Domain.Framework.DirectionStyle>()}."
                );
        }

        if (directionMethod is not null)
        {
            org.DirectionMethod = Domain.Framework.Codes.TryParse<Domain.Framework.DirectionMethod>(
                directionMethod,
                out var method
            )
                ? Domain.Framework.Codes.Of(method)
                : throw new OutturnException(
                    $"--direction-method '{directionMethod}': expected "
                        + $"{Domain.Framework.Codes.Expected<Domain.Framework.DirectionMethod>()}."
                );
        }

        org.DataVersion++;
        await db.SaveChangesAsync(ct);
        return org;
    }

    private static string ParseTolerance(string option, string text) =>
        Tolerance.TryParse(text, out var t, out var error)
            ? t.ToString()
            : throw new OutturnException($"{option}: {error}");
}
