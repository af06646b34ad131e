using Outturn.Data.Entities;
using Outturn.Data.Interchange;

namespace Outturn.Data.Tests;

/// <summary>
/// An import calls a row unchanged by <see cref="EntryFields.Field.Same"/> without describing it; only rows that
/// differ are described and compared as text for the change history. So <c>Same</c> must never call two entries the
/// same when their descriptions differ, and must call an entry the same as a copy of its field.
/// </summary>
public sealed class EntryFieldsTests
{
    private static readonly decimal?[] Numbers = [null, 0m, 75m, 75.0m, 83.5m, 83.50m, -2m, 1050m];
    private static readonly string?[] Texts = [null, "", "Sign off not yet received", "B&B=128;SMG=57", "since June"];
    private static readonly int?[] Codes = [null, 0, 1, 2, 3];

    private static Entry RandomEntry(Random random)
    {
        T Pick<T>(T[] xs) => xs[random.Next(xs.Length)];
        return new Entry
        {
            Period = "2017/18 Q1",
            UpdatedBy = "",
            ValueKind = Pick(Codes),
            ValueNumber = Pick(Numbers),
            ValueText = Pick(Texts),
            MissingReason = Pick(Codes),
            Status = Pick(Codes),
            Qualifier = Pick(Codes),
            TargetKind = Pick(Codes),
            TargetValue = Pick(Numbers),
            Numerator = Pick(Numbers),
            Denominator = Pick(Numbers),
            Breakdown = Pick(Texts),
            TwoWayTable = Pick(Texts),
            SecondValue = Pick(Numbers),
            ValueNote = Pick(Texts),
            NoNewData = random.Next(2) == 0,
            Commentary = Pick(Texts),
            CorrectiveAction = Pick(Texts),
            RagOverride = Pick(Codes),
            DotOverride = Pick(Codes),
            OverrideReason = Pick(Texts),
            BenchmarkNational = Pick(Numbers),
            BenchmarkRegional = Pick(Numbers),
            BenchmarkNeighbours = Pick(Numbers),
        };
    }

    [Fact]
    public void Entries_called_the_same_are_described_the_same_and_a_copied_field_is_the_same()
    {
        var random = new Random(2026);
        var sameSeen = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var (a, b) = (RandomEntry(random), RandomEntry(random));
            foreach (var field in EntryFields.All)
            {
                if (field.Same(a, b))
                {
                    sameSeen++;
                    Assert.Equal(field.Describe(a), field.Describe(b));
                }

                var copy = b.Clone();
                field.Copy(a, copy);
                Assert.True(field.Same(a, copy), $"{field.Name}: a copy of the field is the same");
                Assert.Equal(field.Describe(a), field.Describe(copy));
            }
        }

        Assert.True(sameSeen > 1000, "the random entries often share a field's values");
    }

    [Fact]
    public void A_row_is_the_same_as_stored_only_when_every_field_it_gives_is()
    {
        var stored = new Entry
        {
            Period = "2017/18 Q1",
            UpdatedBy = "",
            ValueKind = 0,
            ValueNumber = 83m,
            TargetKind = 0,
            TargetValue = 95m,
            Commentary = "On plan",
        };
        var row = stored.Clone();
        row.Commentary = "Behind plan";

        Assert.True(EntryFields.SameAsStored(row, stored, EntryField.Value | EntryField.Target));
        Assert.False(EntryFields.SameAsStored(row, stored, EntryField.Value | EntryField.Commentary));
        row.ValueNumber = 83m;
        Assert.True(EntryFields.SameAsStored(row, stored, EntryField.Value | EntryField.Target));
        row.ValueNumber = 83.0m; // the same amount with a place more: it prints as 83.0, so it is a change
        Assert.False(EntryFields.SameAsStored(row, stored, EntryField.Value | EntryField.Target));
    }
}
