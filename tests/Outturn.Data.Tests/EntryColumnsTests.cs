using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;

namespace Outturn.Data.Tests;

/// <summary>The one description of an entry's stored columns (<see cref="EntryColumns"/>) says what EF Core's model
/// says, on both databases; and what is derived from it covers every column.</summary>
public sealed class EntryColumnsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_description_matches_the_EF_model(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = await database.OpenAsync();
        var entity = db.Model.FindEntityType(typeof(Entry))!;
        var modelled = entity.GetProperties().Where(p => !p.IsPrimaryKey()).ToDictionary(p => p.GetColumnName());
        Assert.Equal(modelled.Keys.Order(StringComparer.Ordinal), EntryColumns.Names.Order(StringComparer.Ordinal));
        foreach (var column in EntryColumns.All)
        {
            var property = modelled[column.Name];
            Assert.Equal(property.PropertyInfo, column.Property);
            Assert.True(
                property.IsNullable == column.Nullable,
                $"{column.Name}: nullable in the model {property.IsNullable}, in the description {column.Nullable}"
            );
        }
    }

    [Fact]
    public void What_is_derived_covers_every_column()
    {
        // Every recorded field is read back, every field and stamp is rewritten by an update, and nothing else.
        Assert.Equal(
            EntryColumns.All.Where(c => c.Role == ColumnRole.Field).Select(c => c.Name),
            EntryColumns.Read.Where(c => c.Role == ColumnRole.Field).Select(c => c.Name)
        );
        Assert.DoesNotContain(EntryColumns.Updated, c => c.Role is ColumnRole.Key or ColumnRole.Created);
        // Each plain text field is a values column, a field with a flag of its own, and a cell of the export.
        var flags = EntryFields.All.Select(f => f.Flag).ToList();
        Assert.Equal(flags.Count, flags.Distinct().Count());
        Assert.All(flags, f => Assert.True(f != EntryField.None && ((int)f & ((int)f - 1)) == 0, $"{f} is one bit"));
        foreach (var plain in EntryColumns.PlainText)
        {
            Assert.Contains(plain.Interchange!, Columns.Values);
            var field = Assert.Single(EntryFields.All, f => f.Name == plain.Interchange);
            var entry = new Entry { Period = "2018-03", UpdatedBy = "" };
            plain.SetText!(entry, "words & more");
            Assert.Equal("words & more", field.Describe(entry));
            Assert.Equal(
                "words & more",
                Exporter.Cells("X1", entry)[Columns.Values.ToList().IndexOf(plain.Interchange!)]
            );
        }
    }

    [Fact]
    public void Boxed_values_follow_the_column_order()
    {
        var entry = new Entry
        {
            ItemId = 7,
            Period = "2018-03",
            PeriodKind = 1,
            PeriodStart = 24218,
            PeriodEnd = 24218,
            ValueNumber = 83.5m,
            Commentary = "c",
            NoNewData = true,
            UpdatedBy = "u",
            CreatedBy = "c2",
            UpdatedAt = new DateTime(2026, 12, 1),
            CreatedAt = new DateTime(2026, 11, 1),
        };
        var values = EntryColumns.Values(entry);
        Assert.Equal(EntryColumns.All.Count, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(EntryColumns.All[i].Property.GetValue(entry), values[i]);
            Assert.Equal(EntryColumns.All[i].Get(entry), values[i]);
        }
    }
}
