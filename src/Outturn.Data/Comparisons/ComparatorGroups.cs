using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Domain.Comparisons;

namespace Outturn.Data.Comparisons;

/// <summary>Comparator groups from CSV (<c>group, area_code</c>, optional <c>for_area</c> for models that give each
/// authority its own neighbours, optional <c>as_of</c>): each group named in the file is replaced wholly, all or
/// nothing.</summary>
public static class ComparatorGroups
{
    public static readonly IReadOnlyList<string> Columns = ["group", "area_code", "for_area", "as_of"];

    /// <returns>The groups stored, by name, with their number of members.</returns>
    public static async Task<IReadOnlyList<(string Name, int Members)>> ImportAsync(
        OutturnDbContext db,
        string path,
        CancellationToken ct = default
    )
    {
        var errors = new List<ImportError>();
        var table = TableReader.OpenAnyCsv(path, errors);
        var groups = new Dictionary<string, (HashSet<(string ForArea, string Area)> Members, DateOnly? AsOf, int Row)>(
            StringComparer.OrdinalIgnoreCase
        );
        if (table is not null)
        {
            var map = table
                .Headers.Select((h, i) => (h.Trim().ToLowerInvariant(), i))
                .DistinctBy(x => x.Item1)
                .ToDictionary(x => x.Item1, x => x.i, StringComparer.OrdinalIgnoreCase);
            if (!map.ContainsKey("group") || !map.ContainsKey("area_code"))
            {
                errors.Add(
                    new ImportError(
                        table.Source,
                        1,
                        null,
                        string.Join(",", table.Headers),
                        "a header with the columns group and area_code (and for_area, as_of if wanted)"
                    )
                );
            }
            else
            {
                Read(table, map, groups, errors);
            }
        }

        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var names = groups.Keys.ToList();
            await db.ComparatorGroups.Where(g => names.Contains(g.Name)).ExecuteDeleteAsync(ct);
            foreach (var (name, group) in groups)
            {
                db.ComparatorGroups.Add(
                    new ComparatorGroup
                    {
                        Name = name,
                        AsOf = group.AsOf,
                        Members =
                        [
                            .. group.Members.Select(m => new ComparatorMember
                            {
                                ForArea = m.ForArea,
                                AreaCode = m.Area,
                            }),
                        ],
                    }
                );
            }

            await db.SaveChangesAsync(ct);
            await NationalImporter.StaleAsync(db, ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return groups.Select(g => (g.Key, g.Value.Members.Count)).ToList();
        });
    }

    private static void Read(
        RawTable table,
        Dictionary<string, int> map,
        Dictionary<string, (HashSet<(string ForArea, string Area)> Members, DateOnly? AsOf, int Row)> groups,
        List<ImportError> errors
    )
    {
        var cells = new CellReader(table.Source, map, errors);
        foreach (var raw in table.Rows)
        {
            cells.Start(raw);
            var name = cells.Required("group");
            if (name is { Length: > 200 })
            {
                cells.Error("group", name, "at most 200 characters");
            }

            var area = Code(cells, "area_code", required: true);
            var forArea = Code(cells, "for_area", required: false) ?? "";
            DateOnly? asOf = null;
            if (cells.Text("as_of") is { } day)
            {
                if (
                    DateOnly.TryParseExact(
                        day,
                        "yyyy-MM-dd",
                        CultureInfo.InvariantCulture,
                        DateTimeStyles.None,
                        out var d
                    )
                )
                {
                    asOf = d;
                }
                else
                {
                    cells.Error("as_of", day, "a date written 2024-04-01");
                }
            }

            if (cells.ErrorCount > 0 || name is null || area is null)
            {
                continue;
            }

            if (!groups.TryGetValue(name, out var group))
            {
                group = ([], asOf, raw.Number);
                groups[name] = group;
            }
            else if (asOf is not null && group.AsOf is not null && asOf != group.AsOf)
            {
                cells.Error(
                    "as_of",
                    cells.Text("as_of"),
                    $"{group.AsOf:yyyy-MM-dd}, as row {group.Row} dates '{name}'"
                );
                continue;
            }
            else if (group.AsOf is null && asOf is not null)
            {
                groups[name] = group with { AsOf = asOf };
            }

            if (!group.Members.Add((forArea, area)))
            {
                cells.Error("area_code", area, $"each area once in '{name}'{(forArea == "" ? "" : " for " + forArea)}");
            }
        }
    }

    private static string? Code(CellReader cells, string column, bool required)
    {
        var text = required ? cells.Required(column) : cells.Text(column);
        if (text is null)
        {
            return null;
        }

        if (AreaCode.TryParse(text, out var code, out var error))
        {
            return code.ToString();
        }

        cells.Error(column, text, error["'".Length..].Split(": ", 2)[^1]);
        return null;
    }
}
