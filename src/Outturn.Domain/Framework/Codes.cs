using System.Diagnostics.CodeAnalysis;

namespace Outturn.Domain.Framework;

/// <summary>
/// The words the interchange format, the CLI and the API use for the domain's enums (snake_case), with
/// parsing that says what was expected. One place, so that every surface spells them the same.
/// </summary>
public static class Codes
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Names<TEnum>.ByValue[value];

    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return text is not null && Names<TEnum>.ByName.TryGetValue(text.Trim(), out value);
    }

    /// <summary>The accepted words, for error messages: "higher, lower, none or tbc".</summary>
    public static string Expected<TEnum>()
        where TEnum : struct, Enum => Names<TEnum>.Expected;

    public static IReadOnlyList<string> All<TEnum>()
        where TEnum : struct, Enum => Names<TEnum>.InOrder;

    private static string SnakeCase(string name) =>
        string.Concat(
            name.Select(
                (c, i) =>
                    char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()
            )
        );

    [SuppressMessage("Design", "CA1000", Justification = "A cache per enum type.")]
    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>()
            .ToDictionary(v => v, v => Override(v) ?? SnakeCase(v.ToString()));
        public static readonly Dictionary<string, TEnum> ByName = BuildByName();
        public static readonly IReadOnlyList<string> InOrder = [.. Enum.GetValues<TEnum>().Select(v => ByValue[v])];
        public static readonly string Expected =
            InOrder.Count < 2
                ? string.Join("", InOrder)
                : string.Join(", ", InOrder.Take(InOrder.Count - 1)) + " or " + InOrder[^1];

        private static Dictionary<string, TEnum> BuildByName()
        {
            var map = new Dictionary<string, TEnum>(StringComparer.OrdinalIgnoreCase);
            foreach (var (value, name) in ByValue)
            {
                map[name] = value;
                map[name.Replace('_', ' ')] = value;
                map[name.Replace("_", "", StringComparison.Ordinal)] = value;
            }

            return map;
        }

        private static string? Override(TEnum value) =>
            value switch
            {
                Polarity p => p switch
                {
                    Polarity.HigherIsBetter => "higher",
                    Polarity.LowerIsBetter => "lower",
                    Polarity.ToBeConfirmed => "tbc",
                    _ => null,
                },
                Aggregation a when a == Aggregation.CumulativeYearToDate => "cumulative",
                _ => null,
            };
    }
}
