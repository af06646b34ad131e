using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Web.Api;

namespace Outturn.Web.Tests;

/// <summary>The API's value record says each field as the export's column of the same name does, for every figure
/// of the demo council: the two are built by name from the same field table, never by a column's position.</summary>
public sealed class ValueRecordTests
{
    [Fact]
    public async Task Every_text_field_of_the_API_equals_the_export_column_of_its_name()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        using var factory = new OutturnFactory(database);
        _ = factory.Browser();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutturnDbContext>();
        var refs = await db.Items.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Ref);
        var entries = await db.Entries.AsNoTracking().ToListAsync();
        Assert.True(entries.Count > 1000);
        var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var compared = 0;
        foreach (var e in entries)
        {
            var cells = Exporter.Cells(refs[e.ItemId], e);
            var columns = Columns.Values.Zip(cells).ToDictionary(x => x.First, x => x.Second);
            using var record = JsonDocument.Parse(JsonSerializer.Serialize(ValueRecord.Of(refs[e.ItemId], e), json));
            foreach (var property in record.RootElement.EnumerateObject().Where(p => columns.ContainsKey(p.Name)))
            {
                if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null)
                {
                    Assert.True(
                        columns[property.Name] == property.Value.GetString(),
                        $"{refs[e.ItemId]} {e.Period} {property.Name}: API '{property.Value}', export "
                            + $"'{columns[property.Name]}'"
                    );
                    compared++;
                }
            }
        }

        Assert.True(compared >= entries.Count * 10, $"{compared} fields compared");
    }
}
