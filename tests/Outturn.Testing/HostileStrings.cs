using System.Globalization;
using System.Text;

namespace Outturn.Testing;

/// <summary>The hostile-input corpus (hostile-strings.txt beside this file): script in HTML text and attributes,
/// URLs, SVG and JavaScript contexts, formula injection, very long strings, bidi and control characters, null bytes,
/// SQL and template fragments — each of about 125 alone, after a word and before one. Every one that runs script
/// sets <c>window.__hostile</c>.</summary>
public static class HostileStrings
{
    /// <summary>What a string that ran in a browser sets.</summary>
    public const string Marker = "__hostile";

    /// <summary>The corpus, its escapes (<c>\uXXXX</c>, <c>\t</c>, <c>\r</c>, <c>\n</c>, <c>\b</c>, <c>\f</c>,
    /// <c>\\</c>) decoded; the file's first line says what it is.</summary>
    public static IReadOnlyList<string> Load() =>
        [
            .. File.ReadAllLines(Repository.PathOf("tests", "Outturn.Testing", "hostile-strings.txt"), Encoding.UTF8)
                .Skip(1)
                .Select(Decode),
        ];

    private static string Decode(string line)
    {
        var text = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != '\\' || i + 1 == line.Length)
            {
                text.Append(line[i]);
                continue;
            }

            var next = line[i + 1];
            switch (next)
            {
                case 'u'
                    when i + 5 < line.Length
                        && int.TryParse(line.AsSpan(i + 2, 4), NumberStyles.HexNumber, null, out var code):
                    text.Append((char)code);
                    i += 5;
                    break;
                case 't' or 'r' or 'n' or 'b' or 'f' or '\\':
                    text.Append(
                        next switch
                        {
                            't' => '\t',
                            'r' => '\r',
                            'n' => '\n',
                            'b' => '\b',
                            'f' => '\f',
                            _ => '\\',
                        }
                    );
                    i++;
                    break;
                default:
                    text.Append('\\');
                    break;
            }
        }

        return text.ToString();
    }
}
