using Microsoft.EntityFrameworkCore;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;

namespace Outturn.Data.Tests;

public class ImportTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    private static async Task<ImportResult> ImportAsync(OutturnDbContext db, params string[] files) =>
        await new Importer(db, Clock).ImportAsync("Havering", files, "officer@example.gov.uk");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Imports_a_framework_and_its_figures(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();

        var result = await ImportAsync(
            db,
            files.Write("measures.csv", Samples.Measures),
            files.Write("values.csv", Samples.Values)
        );

        Assert.True(result.OrganisationCreated);
        Assert.Equal(4, result.ItemsAdded);
        Assert.Equal(9, result.EntriesAdded);
        Assert.Equal(["Safe", "Strong"], await db.Priorities.OrderBy(p => p.Name).Select(p => p.Name).ToListAsync());
        Assert.Equal(3, await db.Committees.CountAsync());
        var pm02 = await db.Items.Include(i => i.Committees).SingleAsync(i => i.Ref == "PM02");
        Assert.Equal(2, pm02.Committees.Count);
        Assert.Equal("2pt", pm02.AmberTolerance);

        var stored = await db.Entries.SingleAsync(e => e.ItemId == pm02.Id && e.Period == "2017/18 Q1");
        Assert.Equal(78m, stored.ValueNumber);
        Assert.Equal("B&B=20;SMG=57", stored.Breakdown);
        Assert.Equal("officer@example.gov.uk", stored.CreatedBy);

        // 10 of 63 → 15.9%: the value follows from numerator and denominator.
        var pm03 = await db.Entries.SingleAsync(e => e.Period == "2017/18 Q1" && e.Numerator == 10);
        Assert.Equal(15.873016m, pm03.ValueNumber);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_field_is_stored_however_late_in_the_file_a_column_is_first_filled(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        const string Header =
            "ref,period,value,status,qualifier,target,numerator,denominator,breakdown,value_note,no_new_data,"
            + "commentary,corrective_action,rag_override,override_reason,dot_override,missing_reason,"
            + "benchmark_national,benchmark_regional,benchmark_neighbours";
        static string Plain(int month) => $"M1,{2020 + (month / 12)}-{(month % 12) + 1:D2},{month},,,,,,,,,,,,,,,,,";
        var rows = new List<string> { Header };
        rows.AddRange(Enumerable.Range(0, 35).Select(Plain)); // more than a statement's worth with only a value
        rows.Add(
            "M1,2022-12,12.5,,provisional,15,5,40,B&B=3;SMG=2,since June,yes,Better than forecast,Keep "
                + "going,green,Agreed at board,improving,,11.25,10,9.5"
        );
        rows.Add("M1,2023-01,Sign off not yet received,,,,,,,,,,,,,,,,,");
        rows.Add("M1,2023-02,,,,,,,,,,,,,,,not_collected,,,");
        rows.Add("A1,2023-01,,on_track,,,,,,,,,,,,,,,,");
        rows.AddRange(Enumerable.Range(38, 36).Select(Plain)); // and more after every column has been filled

        var result = await ImportAsync(
            db,
            files.Write(
                "measures.csv",
                "ref,title,kind,frequency\nM1,Rough sleepers,measure,monthly\nA1,Open the hub,action,monthly\n"
            ),
            files.Write("values.csv", string.Join("\n", rows) + "\n")
        );

        Assert.Equal(75, result.EntriesAdded);
        var entries = await db.Entries.ToDictionaryAsync(e => (e.ItemId == 1 ? "M1 " : "A1 ") + e.Period);
        var full = entries["M1 2022-12"];
        Assert.Equal(
            (12.5m, (int?)0, 15m, 5m, 40m, "B&B=3;SMG=2", "since June", true),
            (
                full.ValueNumber,
                full.Qualifier,
                full.TargetValue,
                full.Numerator,
                full.Denominator,
                full.Breakdown,
                full.ValueNote,
                full.NoNewData
            )
        );
        Assert.Equal(
            ("Better than forecast", "Keep going", "Agreed at board", 11.25m, 10m, 9.5m),
            (
                full.Commentary,
                full.CorrectiveAction,
                full.OverrideReason,
                full.BenchmarkNational,
                full.BenchmarkRegional,
                full.BenchmarkNeighbours
            )
        );
        Assert.NotNull(full.RagOverride);
        Assert.NotNull(full.DotOverride);
        Assert.Equal("Sign off not yet received", entries["M1 2023-01"].ValueText);
        Assert.NotNull(entries["M1 2023-02"].MissingReason);
        Assert.Null(entries["M1 2023-02"].ValueNumber);
        Assert.NotNull(entries["A1 2023-01"].Status);
        foreach (var plain in new[] { "M1 2020-01", "M1 2022-11", "M1 2023-03", "M1 2025-12" })
        {
            var e = entries[plain];
            Assert.Equal(
                (
                    (decimal?)((int.Parse(plain[3..7]) - 2020) * 12 + int.Parse(plain[8..]) - 1),
                    (string?)null,
                    (int?)null,
                    (decimal?)null,
                    false
                ),
                (e.ValueNumber, e.Commentary, e.Qualifier, e.BenchmarkNational, e.NoNewData)
            );
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reimporting_measures_counts_as_updated_only_the_items_that_changed(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        const string Header = "ref,title,priority,theme,committees\n";
        var rows = Enumerable.Range(1, 40).Select(i => $"M{i},Measure {i},Safe,Housing,Cabinet").ToList();
        var first = await ImportAsync(db, files.Write("measures.csv", Header + string.Join("\n", rows)));
        Assert.Equal((40, 0), (first.ItemsAdded, first.ItemsUpdated));

        var same = await ImportAsync(db, files.Write("same.csv", Header + string.Join("\n", rows)));
        Assert.Equal((0, 0), (same.ItemsAdded, same.ItemsUpdated));

        rows[4] = "M5,Measure five,Safe,Housing,Cabinet"; // title
        rows[9] = "M10,Measure 10,Safe,Homelessness,Cabinet"; // a new theme
        rows[19] = "M20,Measure 20,Safe,Housing,Cabinet;Overview"; // a new committee as well
        rows[29] = "M30,Measure 30,Safe,Housing,"; // no committee
        var changed = await ImportAsync(
            db,
            files.Write("changed.csv", Header + string.Join("\n", rows) + "\nM41,Measure 41,Safe,Housing,Cabinet")
        );

        Assert.Equal((1, 4), (changed.ItemsAdded, changed.ItemsUpdated));
        db.ChangeTracker.Clear();
        var items = await db
            .Items.Include(i => i.Theme)
            .Include(i => i.Committees)
                .ThenInclude(c => c.Committee)
            .ToDictionaryAsync(i => i.Ref);
        Assert.Equal("Measure five", items["M5"].Title);
        Assert.Equal("Homelessness", items["M10"].Theme!.Name);
        Assert.Equal(["Cabinet", "Overview"], items["M20"].Committees.Select(c => c.Committee!.Name).Order());
        Assert.Empty(items["M30"].Committees);
        Assert.Equal("Housing", items["M11"].Theme!.Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_item_met_again_after_thousands_of_other_rows_is_compared_with_what_is_stored(string provider)
    {
        // The importer holds the stored entries of the items of the batch in hand (4,096 rows), and reads an item's
        // again when it comes back: here M1 fills the first batch, M2 the second, and M1 returns in the third.
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        static string Month(int m) => $"{1900 + (m / 12)}-{(m % 12) + 1:D2}";
        static string Values(Func<string, int, int> value) =>
            "ref,period,value\n"
            + string.Concat(
                Enumerable
                    .Range(0, 4096)
                    .Select(m => $"M1,{Month(m)},{value("M1", m)}\n")
                    .Concat(Enumerable.Range(0, 4096).Select(m => $"M2,{Month(m)},{value("M2", m)}\n"))
                    .Concat(Enumerable.Range(4096, 904).Select(m => $"M1,{Month(m)},{value("M1", m)}\n"))
            );
        var measures = files.Write("measures.csv", "ref,title,frequency\nM1,Visits,monthly\nM2,Calls,monthly\n");
        var first = await ImportAsync(db, measures, files.Write("values.csv", Values((_, m) => m)));
        Assert.Equal(9096, first.EntriesAdded);

        var changedMonths = new[] { 0, 4096, 4097, 4098, 4999 };
        var again = await ImportAsync(
            db,
            files.Write("values2.csv", Values((r, m) => r == "M1" && changedMonths.Contains(m) ? m + 100_000 : m))
        );

        Assert.Equal((0, 5, 9091), (again.EntriesAdded, again.EntriesChanged, again.EntriesUnchanged));
        var history = await db.EntryChanges.Where(c => c.Field == "value").Select(c => c.NewValue).ToListAsync();
        Assert.Equal(
            changedMonths
                .Select(m => (m + 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Order(),
            history.Order()
        );
        var m1 = await db.Items.Where(i => i.Ref == "M1").Select(i => i.Id).SingleAsync();
        var (last, endOfFirstBatch) = (Month(4999), Month(4095));
        Assert.Equal(
            104_999m,
            await db.Entries.Where(e => e.ItemId == m1 && e.Period == last).Select(e => e.ValueNumber).SingleAsync()
        );
        Assert.Equal(
            4_095m,
            await db
                .Entries.Where(e => e.ItemId == m1 && e.Period == endOfFirstBatch)
                .Select(e => e.ValueNumber)
                .SingleAsync()
        );
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_later_numerator_and_denominator_without_a_value_column_update_the_value_they_give(
        string provider
    )
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        await ImportAsync(db, files.Write("measures.csv", Samples.Measures), files.Write("values.csv", Samples.Values));
        var before = await db.Entries.SingleAsync(e => e.Period == "2017/18 Q1" && e.Numerator == 10);

        // 12 of 63 → 19.0%: the value follows from its parts in an update as in a new row, and the change is in
        // history.
        var result = await ImportAsync(
            db,
            files.Write("parts.csv", "ref,period,numerator,denominator\nPM03,2017/18 Q1,12,63\n")
        );

        Assert.Equal((0, 1), (result.EntriesAdded, result.EntriesChanged));
        db.ChangeTracker.Clear();
        var after = await db.Entries.SingleAsync(e => e.Id == before.Id);
        Assert.Equal((12m, 63m, 19.047619m), (after.Numerator, after.Denominator, after.ValueNumber));
        Assert.Contains(
            await db.EntryChanges.Where(c => c.EntryId == before.Id).ToListAsync(),
            c => c.Field == "value" && c.OldValue == "15.873016" && c.NewValue == "19.047619"
        );
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reimporting_the_same_files_changes_nothing(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        var paths = new[] { files.Write("measures.csv", Samples.Measures), files.Write("values.csv", Samples.Values) };
        await ImportAsync(db, paths);

        var again = await ImportAsync(db, paths);

        Assert.Equal(
            (0, 0, 0, 9),
            (again.ItemsAdded, again.EntriesAdded, again.EntriesChanged, again.EntriesUnchanged)
        );
        Assert.Equal(0, await db.EntryChanges.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_later_file_updates_values_and_keeps_the_old_ones_in_history(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        await ImportAsync(db, files.Write("measures.csv", Samples.Measures), files.Write("values.csv", Samples.Values));

        // Only value and target columns: the commentary stored earlier stays.
        var update = files.Write(
            "update.csv",
            """
            ref,period,value,target
            PM01,2017/18 Q1,84.5,95
            PM01,2017/18 Q2,88,95
            """
        );
        var result = await new Importer(db, Clock).ImportAsync("Havering", [update], "second@example.gov.uk");

        Assert.Equal((1, 1, 1), (result.EntriesAdded, result.EntriesChanged, result.FieldChanges));
        var entry = await db.Entries.SingleAsync(e => e.Period == "2017/18 Q1" && e.Commentary == "Falling, see plan");
        Assert.Equal(84.5m, entry.ValueNumber);
        Assert.Equal("second@example.gov.uk", entry.UpdatedBy);
        Assert.Equal("officer@example.gov.uk", entry.CreatedBy);
        var change = await db.EntryChanges.SingleAsync();
        Assert.Equal(
            ("value", "83", "84.5", "second@example.gov.uk"),
            (change.Field, change.OldValue, change.NewValue, change.ChangedBy)
        );
        Assert.Equal(entry.Id, change.EntryId);
        Assert.Contains("update.csv row 2", change.Source, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Comparators_are_stored_exported_kept_in_history_and_checked(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        await ImportAsync(db, files.Write("measures.csv", Samples.Measures), files.Write("values.csv", Samples.Values));

        // New rows (bulk insert) and an existing row (update) both carry the comparators.
        var comparators = files.Write(
            "benchmarks.csv",
            """
            ref,period,benchmark_national,benchmark_regional,benchmark_neighbours
            PM01,2017/18 Q1,91.5,90.2,92
            PM01,2015/16 Q4,90,89.5,
            """
        );
        var result = await new Importer(db, Clock).ImportAsync("Havering", [comparators], "analyst");
        Assert.Equal((1, 1), (result.EntriesAdded, result.EntriesChanged));
        var q1 = await db.Entries.SingleAsync(e => e.Period == "2017/18 Q1" && e.Commentary == "Falling, see plan");
        Assert.Equal(
            (91.5m, 90.2m, 92m, 83m),
            (q1.BenchmarkNational, q1.BenchmarkRegional, q1.BenchmarkNeighbours, q1.ValueNumber)
        );
        var q4 = await db.Entries.SingleAsync(e => e.Period == "2015/16 Q4");
        Assert.Equal(
            (90m, 89.5m, (decimal?)null),
            (q4.BenchmarkNational, q4.BenchmarkRegional, q4.BenchmarkNeighbours)
        );
        Assert.Contains(
            await db.EntryChanges.ToListAsync(),
            c => c.Field == "benchmark_national" && c.OldValue == null && c.NewValue == "91.5"
        );

        // Evaluation carries them to the domain, and the rating is not changed by them.
        var org = await db.Organisations.SingleAsync();
        var evaluation = (await new EvaluationService(db).EvaluateAsync(org, Period.Parse("2017/18 Q1"))).Single(e =>
            e.Item.Ref == "PM01"
        );
        Assert.Equal(91.5m, evaluation.Evaluation.Entry!.BenchmarkNational);

        var export = Path.Combine(files.Path, "export");
        await new Exporter(db).ExportAsync(org, export);
        var lines = await File.ReadAllLinesAsync(Path.Combine(export, "values.csv"));
        Assert.EndsWith(
            "benchmark_national,benchmark_regional,benchmark_neighbours",
            lines[0].TrimStart('\uFEFF'),
            StringComparison.Ordinal
        );
        Assert.Contains(
            lines,
            l =>
                l.StartsWith("PM01,2017/18 Q1,", StringComparison.Ordinal)
                && l.EndsWith(",91.5,90.2,92", StringComparison.Ordinal)
        );

        var bad = files.Write("bad.csv", "ref,period,benchmark_national\nPM01,2017/18 Q2,about 90\n");
        var refused = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            new Importer(db, Clock).ImportAsync("Havering", [bad], "analyst")
        );
        Assert.Equal(
            ("benchmark_national", "about 90"),
            (refused.Errors.Single().Column, refused.Errors.Single().Value)
        );
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_file_with_bad_rows_changes_nothing_and_names_every_bad_row(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        await ImportAsync(db, files.Write("measures.csv", Samples.Measures), files.Write("values.csv", Samples.Values));

        var bad = files.Write(
            "bad.csv",
            """
            ref,period,value,target,status,rag_override,no_new_data
            PM01,2017/18 Q1,99,95,,,
            PM01,2017/18 Q5,80,95,,,
            PM99,2017/18 Q1,80,95,,,
            PM02,2017/18 Q2,7x,ninety,,,
            A01,2017/18 Q2,,,half_done,,
            PM02,2017/18 Q3,5,,on_track,,
            PM01,2017/18 Q3,5,,,purple,maybe
            PM01,2017/18 Q1,98,95,,,
            PM01,2017/18 Q4,5,,,amber,
            """
        );
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => ImportAsync(db, bad));

        var errors = ex.Errors.Select(e => (e.Row, e.Column, e.Value)).ToList();
        Assert.Contains((3, "period", "2017/18 Q5"), errors);
        Assert.Contains((4, "ref", "PM99"), errors);
        Assert.Contains((5, "value", "7x"), errors);
        Assert.Contains((5, "target", "ninety"), errors);
        Assert.Contains((6, "status", "half_done"), errors);
        Assert.Contains((7, "status", "on_track"), errors);
        Assert.Contains((8, "rag_override", "purple"), errors);
        Assert.Contains((8, "no_new_data", "maybe"), errors);
        Assert.Contains((10, "override_reason", null), errors);
        Assert.Contains((9, "period", "2017/18 Q1"), errors); // the same ref and period twice
        Assert.All(ex.Errors, e => Assert.Equal("bad.csv", e.File));
        Assert.Contains(
            "blue, green, amber, red, no_target or no_data",
            ex.Errors.Single(e => e.Column == "rag_override").Expected,
            StringComparison.Ordinal
        );

        // Row 2 was good, but nothing was applied.
        Assert.Equal(
            83m,
            (await db.Entries.SingleAsync(e => e.Period == "2017/18 Q1" && e.Commentary != null)).ValueNumber
        );
        Assert.Equal(9, await db.Entries.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_ref_and_period_twice_is_an_error_naming_where_it_was_first_whatever_comes_between(
        string provider
    )
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        var first = files.Write(
            "first.csv",
            """
            ref,period,value
            PM01,2017/18 Q1,90
            PM02,2017/18 Q1,80
            pm01,2017/18 q1,91
            PM02,2017/18 Q2,81
            """
        );
        var second = files.Write(
            "second.csv",
            """
            ref,period,value
            PM03,2017/18 Q1,12
            PM02,2017/18 Q2,82
            PM01,2017/18 Q2,92
            PM03,2017/18 Q2,13
            """
        );

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            ImportAsync(db, files.Write("measures.csv", Samples.Measures), first, second)
        );

        Assert.Equal(
            [
                ("first.csv", 4, "pm01 2017/18 Q1 is also on first.csv row 2"),
                ("second.csv", 3, "PM02 2017/18 Q2 is also on first.csv row 5"),
            ],
            ex.Errors.Select(e =>
                    (e.File, e.Row, e.Expected[(e.Expected.IndexOf(": ", StringComparison.Ordinal) + 2)..])
                )
                .ToList()
        );
        Assert.Equal(0, await db.Entries.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_columns_and_missing_required_columns_are_errors(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        var measures = files.Write("measures.csv", "ref,title,colour\nPM01,Something,blue\n");
        var values = files.Write("values.csv", "ref,period,vlaue\nPM01,2017-07,3\n");
        var noTitle = files.Write("more-measures.xlsx.csv", "ref,kind\nPM02,measure\n");

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => ImportAsync(db, measures, values, noTitle));

        Assert.Contains(ex.Errors, e => e is { File: "measures.csv", Row: 1, Column: "colour" });
        Assert.Contains(ex.Errors, e => e is { File: "values.csv", Row: 1, Column: "vlaue" });
        Assert.Contains(
            ex.Errors,
            e =>
                e.File == "more-measures.xlsx.csv"
                && e.Column == "title"
                && e.Expected.Contains("required", StringComparison.Ordinal)
        );
        Assert.Equal(0, await db.Organisations.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_measure_rows_are_listed_with_what_was_expected(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        var measures = files.Write(
            "measures.csv",
            """
            ref,title,kind,unit,polarity,frequency,decimals,amber_tolerance,rate_per,theme,target_profile
            PM01,One,measure,percentage,bigger,quarterly,0,5%,,,25%;25%;25%;24%
            PM02,Two,kpi,rate,higher,fortnightly,9,5,,Children,
            PM01,Again,measure,count,higher,monthly,0,,,,
            ,No ref,measure,count,higher,monthly,0,,,,
            """
        );

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => ImportAsync(db, measures));
        var errors = ex.Errors.Select(e => (e.Row, e.Column)).ToHashSet();

        Assert.Superset(
            new HashSet<(int, string?)>
            {
                (2, "polarity"),
                (2, "target_profile"),
                (3, "kind"),
                (3, "frequency"),
                (3, "decimals"),
                (3, "amber_tolerance"),
                (3, "rate_per"),
                (3, "priority"),
                (4, "ref"),
                (5, "ref"),
            },
            errors
        );
        Assert.Contains(
            "higher, lower, none or tbc",
            ex.Errors.First(e => e.Column == "polarity").Expected,
            StringComparison.Ordinal
        );
        var profile = ex.Errors.First(e => e.Column == "target_profile");
        Assert.Equal("25%;25%;25%;24%", profile.Value);
        Assert.EndsWith("(the shares add up to 99%, not 100%)", profile.Expected, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_themes_note_is_what_its_rows_give_and_rows_that_disagree_are_refused(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        await ImportAsync(
            db,
            files.Write(
                "measures.csv",
                """
                ref,title,priority,theme,theme_note
                S1,Victims of crime,Safer,Offending,
                S2,Community resolutions,Safer,Offending,Indicators for domestic abuse are yet to be agreed.
                S3,Hate crimes reported,Safer,Resilience,
                """
            )
        );
        Assert.Equal(
            [("Offending", "Indicators for domestic abuse are yet to be agreed."), ("Resilience", null)],
            await db
                .Themes.OrderBy(t => t.Name)
                .Select(t => new ValueTuple<string, string?>(t.Name, t.Note))
                .ToListAsync()
        );

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            ImportAsync(
                db,
                files.Write(
                    "again.csv",
                    """
                    ref,title,priority,theme,theme_note
                    S1,Victims of crime,Safer,Offending,One note
                    S2,Community resolutions,Safer,offending,Another
                    """
                )
            )
        );
        var error = Assert.Single(ex.Errors);
        Assert.Equal((3, "theme_note", "Another"), (error.Row, error.Column, error.Value));
        Assert.Contains("the same note as row 2", error.Expected, StringComparison.Ordinal);

        // The column without a note for the theme clears it; a file without the column leaves it alone.
        await ImportAsync(
            db,
            files.Write("cleared.csv", "ref,title,priority,theme,theme_note\nS1,Victims,Safer,Offending,\n")
        );
        Assert.Null((await db.Themes.SingleAsync(t => t.Name == "Offending")).Note);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unit_labels_and_target_profiles_are_stored_exported_and_used(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        var measures = files.Write(
            "measures.csv",
            """
            ref,title,unit,unit_label,polarity,frequency,aggregation,target_profile
            W1,Waste per head,count,kg per head,lower,quarterly,cumulative,40%;20%;20%;20%
            W2,Sessions held,count,sessions,tbc,monthly,cumulative,linear
            """
        );
        var values = files.Write(
            "values.csv",
            """
            ref,period,value,target
            W1,2017/18,,500
            W1,2017/18 Q1,190,
            W2,2017/18,,1200
            W2,2017-07,390,
            """
        );
        await ImportAsync(db, measures, values);

        var exported = files.PathOf("export");
        await new Exporter(db).ExportAsync(await db.Organisations.SingleAsync(), exported);
        var rows = Cli.ParseCsv(await File.ReadAllTextAsync(Path.Combine(exported, "measures.csv")));
        Assert.Equal(
            [("kg per head", "40%;20%;20%;20%", "lower"), ("sessions", "", "tbc")],
            rows.Select(r => (r["unit_label"], r["target_profile"], r["polarity"]))
        );

        var org = await db.Organisations.SingleAsync();
        var service = new EvaluationService(db);
        var q1 = (await service.EvaluateAsync(org, Period.Parse("2017/18 Q1"), null)).Single(e => e.Item.Ref == "W1");
        // 40% of 500 is due by June: 190 is under it, lower is better, so green; printed with its label.
        Assert.Equal(200m, q1.Evaluation.Entry!.Target!.Value.Value);
        Assert.Equal(Rag.Green, q1.Evaluation.Rating.Final);
        Assert.Contains("190kg per head", q1.Evaluation.Rating.Reason, StringComparison.Ordinal);
        var july = (await service.EvaluateAsync(org, Period.Parse("2017-07"), null)).Single(e => e.Item.Ref == "W2");
        Assert.Equal(Rag.NoTarget, july.Evaluation.Rating.Final);
        Assert.Equal(400m, july.Evaluation.Entry!.Target!.Value.Value);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_two_way_table_is_stored_with_its_figure_exported_as_written_and_a_bad_one_named(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        var measures = files.Write("measures.csv", "ref,title,frequency\nH1,Housing register,monthly\n");
        var values = files.Write(
            "values.csv",
            """
            ref,period,value,table
            H1,2017-06,2951,"Need,Band 1,Band 2
            1, 90,328
            2,124,435"
            """
        );
        await ImportAsync(db, measures, values);
        var stored = await db.Entries.SingleAsync();
        Assert.Equal("Need,Band 1,Band 2\n1,90,328\n2,124,435", stored.TwoWayTable);

        var exported = files.PathOf("export");
        await new Exporter(db).ExportAsync(await db.Organisations.SingleAsync(), exported);
        var rows = Cli.ParseCsv(await File.ReadAllTextAsync(Path.Combine(exported, "values.csv")));
        Assert.Equal(stored.TwoWayTable, Assert.Single(rows)["table"]);

        // A ragged table is refused, naming file, row, column and what was expected; the stored one is kept.
        var bad = files.Write(
            "bad.csv",
            """
            ref,period,value,table
            H1,2017-06,2951,"Need,Band 1,Band 2
            1,90"
            """
        );
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => ImportAsync(db, bad));
        var error = Assert.Single(ex.Errors);
        Assert.Equal((2, "table"), (error.Row, error.Column));
        Assert.EndsWith("bad.csv", error.File, StringComparison.Ordinal);
        Assert.Contains("row 2 has 2 cells and the heading row 3", error.Expected, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        Assert.Equal(stored.TwoWayTable, (await db.Entries.SingleAsync()).TwoWayTable);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Workbooks_import_like_csv(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        var workbook = files.PathOf("council.xlsx");
        TestWorkbook.Write(workbook, ("measures", Csv(Samples.Measures)), ("values", Csv(Samples.Values)));
        await using var db = await test.OpenAsync();

        var result = await ImportAsync(db, workbook);

        Assert.Equal((4, 9), (result.ItemsAdded, result.EntriesAdded));
        var evaluations = await new EvaluationService(db).EvaluateAsync(
            await db.Organisations.SingleAsync(),
            Period.Parse("2017/18 Q1")
        );
        var pm01 = evaluations.Single(e => e.Item.Ref == "PM01").Evaluation;
        Assert.Equal(Rag.Red, pm01.Rating.Final);
        Assert.Equal(Direction.Deteriorating, pm01.DirectionShort);
    }

    [Fact]
    public async Task Workbook_errors_name_the_sheet()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFolder();
        var workbook = files.PathOf("council.xlsx");
        TestWorkbook.Write(
            workbook,
            ("measures", Csv(Samples.Measures)),
            (
                "values",
                [
                    ["ref", "period", "value"],
                    ["PM01", "2017/18 Q9", "3"],
                ]
            )
        );
        await using var db = await test.OpenAsync();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => ImportAsync(db, workbook));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(
            ("council.xlsx [values]", 2, "period", "2017/18 Q9"),
            (error.File, error.Row, error.Column, error.Value)
        );
        Assert.Equal(
            "council.xlsx [values], row 2, column 'period': '2017/18 Q9': " + Period.ExpectedForms,
            error.ToString()
        );
    }

    [Fact]
    public async Task Csv_with_a_byte_order_mark_and_quoted_commas_reads_cleanly()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFolder();
        var path = files.PathOf("measures.csv");
        await File.WriteAllTextAsync(
            path,
            "ref,title\nPM01,\"Complaints, stage 1\"\n",
            new System.Text.UTF8Encoding(true)
        );
        await using var db = await test.OpenAsync();

        await ImportAsync(db, path);

        Assert.Equal("Complaints, stage 1", (await db.Items.SingleAsync()).Title);
    }

    [Fact]
    public async Task A_missing_file_is_an_error_not_a_crash()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await using var db = await test.OpenAsync();
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => ImportAsync(db, "/nonexistent/values.csv"));
        Assert.Contains("does not exist", Assert.Single(ex.Errors).Expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_reports_without_changing_anything()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        var result = await new Importer(db, Clock).ImportAsync(
            "Havering",
            [files.Write("measures.csv", Samples.Measures), files.Write("values.csv", Samples.Values)],
            "x",
            apply: false
        );
        Assert.Equal(9, result.EntriesAdded);
        Assert.False(result.Applied);
        Assert.Equal(0, await db.Entries.CountAsync());
        Assert.Equal(0, await db.Organisations.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_preview_lists_each_row_it_changes_with_the_rating_the_period_will_have(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        await new Importer(db, Clock).ImportAsync(
            "Havering",
            [files.Write("measures.csv", Samples.Measures), files.Write("values.csv", Samples.Values)],
            "x"
        );
        // A changed figure, a changed target, an added figure, an unchanged row and a blank line (a template's line
        // left empty): the last two are counted, not listed.
        var changes = files.Write(
            "changes.csv",
            "ref,period,value,target,commentary\n"
                + "PM01,2017/18 Q1,96,95,\"Falling, see plan\"\n"
                + "PM02,2017/18 Q1,78,70,\n"
                + "pm01,2017/18 Q2,80,95,New\n"
                + "PM02,2016/17 Q4,77,90,\n"
                + "PM03,2017/18 Q3,,,\n"
        );

        var preview = await new Importer(db, Clock).ImportAsync("Havering", [changes], "x", apply: false);

        Assert.Equal((1, 2, 2), (preview.EntriesAdded, preview.EntriesChanged, preview.EntriesUnchanged));
        Assert.Equal(0, preview.RowsNotListed);
        var rows = preview.Rows;
        Assert.Equal(
            [
                ("changes.csv", 2, "PM01", "2017/18 Q1", false, "83", "96", "95", "95"),
                ("changes.csv", 3, "PM02", "2017/18 Q1", false, "78", "78", "90", "70"),
                ("changes.csv", 4, "PM01", "2017/18 Q2", true, null, "80", null, "95"),
            ],
            rows.Select(r =>
                (r.Source, r.Row, r.Ref, r.Period.ToString(), r.Added, r.ValueFrom, r.ValueTo, r.TargetFrom, r.TargetTo)
            )
        );
        Assert.Equal(["commentary"], rows[2].OtherFields);
        Assert.Equal("Q2 2017/18", rows[2].PeriodLabel);

        // The ratings shown are those the periods have once the import is applied.
        await new Importer(db, Clock).ImportAsync("Havering", [changes], "x");
        var org = await db.Organisations.SingleAsync();
        var evaluations = new EvaluationService(db);
        foreach (var row in rows)
        {
            var applied = (await evaluations.EvaluateAsync(org, row.Period)).Single(e => e.Item.Ref == row.Ref);
            Assert.Equal(applied.Evaluation.Rating, row.Rating);
        }

        Assert.Equal([Rag.Green, Rag.Green, Rag.Red], rows.Select(r => r.Rating!.Final));
        Assert.False(await db.Entries.AnyAsync(e => e.Period == "2017/18 Q3"));
    }

    internal static string?[][] Csv(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(SplitCsvLine)];

    private static string?[] SplitCsvLine(string line)
    {
        var cells = new List<string?>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line.TrimEnd('\r'))
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(current.Length == 0 ? null : current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        cells.Add(current.Length == 0 ? null : current.ToString());
        return [.. cells];
    }
}
