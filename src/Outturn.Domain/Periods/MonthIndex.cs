namespace Outturn.Domain.Periods;

/// <summary>Months counted from January of year 0, so that month arithmetic is plain integer arithmetic.</summary>
public static class MonthIndex
{
    public static int Of(int year, int month) => (year * 12) + (month - 1);

    public static int Year(int index) => index / 12;

    public static int Month(int index) => (index % 12) + 1;

    public static string Format(int index) => $"{Year(index):D4}-{Month(index):D2}";
}
