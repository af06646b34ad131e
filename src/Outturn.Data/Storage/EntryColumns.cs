using System.Linq.Expressions;
using System.Reflection;
using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>How a column of the entries table is stored.</summary>
internal enum ColumnType
{
    Int,
    Decimal,
    Text,
    Bool,
    Timestamp,
}

/// <summary>Which writes and reads a column of the entries table takes part in.</summary>
internal enum ColumnRole
{
    /// <summary>The entry's identity (item and period): written when the entry is made, never rewritten.</summary>
    Key,

    /// <summary>A recorded field: read for evaluations and imports, rewritten by updates.</summary>
    Field,

    /// <summary>Who changed the entry last, and when: written by every insert and update, not read in bulk.</summary>
    Updated,

    /// <summary>Who made the entry, and when: written once.</summary>
    Created,
}

/// <summary>One stored column of <see cref="Entry"/>: its name in the database (the property's name in snake case, as
/// <see cref="OutturnDbContext"/> names every column), how it is stored, and the property it holds.</summary>
internal sealed class EntryColumn
{
    public required string Name { get; init; }
    public required PropertyInfo Property { get; init; }
    public required ColumnType Type { get; init; }
    public required ColumnRole Role { get; init; }

    /// <summary>True when the column may be empty (so a bulk insert may leave it out while no row fills it).</summary>
    public required bool Nullable { get; init; }

    /// <summary>For a text field the values table carries as it is (read and written unchanged, compared by its text):
    /// its column there. Null for fields the interchange reads and checks in a way of their own.</summary>
    public string? Interchange { get; init; }

    /// <summary>The column's value, boxed (for the slower, general paths: COPY, updates).</summary>
    public required Func<Entry, object?> Get { get; init; }

    /// <summary>For a plain text field: its value.</summary>
    public Func<Entry, string?>? GetText { get; init; }

    /// <summary>For a plain text field: sets its value.</summary>
    public Action<Entry, string?>? SetText { get; init; }
}

/// <summary>
/// Every stored column of an entry, described once, in the order the bulk writers insert them. The bulk insert
/// (SQLite's and PostgreSQL's), the bulk update, the bulk reader's columns, and the values table's plain text fields
/// (interchange column, import, export, history, comparison) are all derived from this list; a test checks it against
/// EF Core's model of <see cref="Entry"/>. A new nullable text field is a property on <see cref="Entry"/>, a line here
/// (with its interchange column) and its field in the API's value record (docs/decisions/0007).
/// </summary>
internal static class EntryColumns
{
    public static readonly IReadOnlyList<EntryColumn> All =
    [
        Of(e => e.ItemId, ColumnRole.Key),
        Of(e => e.Period, ColumnRole.Key),
        Of(e => e.PeriodKind, ColumnRole.Key),
        Of(e => e.PeriodStart, ColumnRole.Key),
        Of(e => e.PeriodEnd, ColumnRole.Key),
        Of(e => e.ValueKind),
        Of(e => e.ValueNumber),
        Of(e => e.ValueText),
        Of(e => e.MissingReason),
        Of(e => e.Status),
        Of(e => e.Qualifier),
        Of(e => e.TargetKind),
        Of(e => e.TargetValue),
        Of(e => e.TargetText),
        Of(e => e.Numerator),
        Of(e => e.Denominator),
        Of(e => e.Breakdown),
        Of(e => e.ValueNote),
        Of(e => e.SecondValue),
        Of(e => e.TwoWayTable),
        Of(e => e.NoNewData),
        Of(e => e.Commentary, interchange: "commentary"),
        Of(e => e.CorrectiveAction, interchange: "corrective_action"),
        Of(e => e.RagOverride),
        Of(e => e.DotOverride),
        Of(e => e.OverrideReason, interchange: "override_reason"),
        Of(e => e.BenchmarkNational),
        Of(e => e.BenchmarkRegional),
        Of(e => e.BenchmarkNeighbours),
        Of(e => e.UpdatedBy, ColumnRole.Updated),
        Of(e => e.UpdatedAt, ColumnRole.Updated),
        Of(e => e.CreatedBy, ColumnRole.Created),
        Of(e => e.CreatedAt, ColumnRole.Created),
    ];

    public static readonly IReadOnlyList<string> Names = [.. All.Select(c => c.Name)];

    /// <summary>The columns the bulk reader reads for evaluations and imports: the key without the period's text, and
    /// every recorded field.</summary>
    public static readonly IReadOnlyList<EntryColumn> Read =
    [
        .. All.Where(c => c.Role == ColumnRole.Field || (c.Role == ColumnRole.Key && c.Name != "period")),
    ];

    /// <summary>The columns an update rewrites: every recorded field, and who changed it when.</summary>
    public static readonly IReadOnlyList<EntryColumn> Updated =
    [
        .. All.Where(c => c.Role is ColumnRole.Field or ColumnRole.Updated),
    ];

    /// <summary>The text fields the values table carries as they are.</summary>
    public static readonly IReadOnlyList<EntryColumn> PlainText = [.. All.Where(c => c.Interchange is not null)];

    private static readonly Func<Entry, object?[]> Boxed = BoxedValues();

    /// <summary>Every column's value, in <see cref="All"/>'s order, boxed.</summary>
    public static object?[] Values(Entry e) => Boxed(e);

    private static EntryColumn Of<T>(
        Expression<Func<Entry, T>> member,
        ColumnRole role = ColumnRole.Field,
        string? interchange = null
    )
    {
        var property = (PropertyInfo)((MemberExpression)member.Body).Member;
        var type = typeof(T);
        var underlying = System.Nullable.GetUnderlyingType(type) ?? type;
        var stored =
            underlying == typeof(int) ? ColumnType.Int
            : underlying == typeof(decimal) ? ColumnType.Decimal
            : underlying == typeof(string) ? ColumnType.Text
            : underlying == typeof(bool) ? ColumnType.Bool
            : underlying == typeof(DateTime) ? ColumnType.Timestamp
            : throw new ArgumentException($"No stored type for {property.Name} ({type}).", nameof(member));
        var nullable =
            System.Nullable.GetUnderlyingType(type) is not null
            || (
                type == typeof(string)
                && new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable
            );
        if (interchange is not null && (stored != ColumnType.Text || !nullable || role != ColumnRole.Field))
        {
            throw new ArgumentException(
                $"Only a nullable text field is carried as it is by the values table ({property.Name}).",
                nameof(interchange)
            );
        }

        var entry = Expression.Parameter(typeof(Entry), "e");
        var value = Expression.Parameter(typeof(string), "value");
        return new EntryColumn
        {
            Name = OutturnDbContext.SnakeCase(property.Name),
            Property = property,
            Type = stored,
            Role = role,
            Nullable = nullable,
            Interchange = interchange,
            Get = Expression
                .Lambda<Func<Entry, object?>>(
                    Expression.Convert(Expression.Property(entry, property), typeof(object)),
                    entry
                )
                .Compile(),
            GetText = interchange is null ? null : (Func<Entry, string?>)(object)member.Compile(),
            SetText = interchange is null
                ? null
                : Expression
                    .Lambda<Action<Entry, string?>>(
                        Expression.Assign(Expression.Property(entry, property), value),
                        entry,
                        value
                    )
                    .Compile(),
        };
    }

    private static Func<Entry, object?[]> BoxedValues()
    {
        var entry = Expression.Parameter(typeof(Entry), "e");
        return Expression
            .Lambda<Func<Entry, object?[]>>(
                Expression.NewArrayInit(
                    typeof(object),
                    All.Select(c => Expression.Convert(Expression.Property(entry, c.Property), typeof(object)))
                ),
                entry
            )
            .Compile();
    }
}
