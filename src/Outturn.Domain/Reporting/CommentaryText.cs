namespace Outturn.Domain.Reporting;

/// <summary>A paragraph, or a bulleted list, of an officer's commentary.</summary>
/// <param name="Lines">The paragraph's text as one line, or the list's items.</param>
public sealed record TextBlock(bool IsList, IReadOnlyList<string> Lines);

/// <summary>
/// The small markup commentary may use, so that an officer's analysis prints as they wrote it: a blank line starts a
/// new paragraph; a line starting <c>- </c>, <c>* </c> or <c>• </c> is a bullet; every other line continues its
/// paragraph. Everything is text: nothing is ever read as HTML, and writers escape it as they print it.
/// </summary>
public static class CommentaryText
{
    private static readonly string[] Bullets = ["- ", "* ", "• "];

    public static IReadOnlyList<TextBlock> Parse(string? text)
    {
        var blocks = new List<TextBlock>();
        var paragraph = new List<string>();
        var list = new List<string>();

        void Flush()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new TextBlock(false, [string.Join(" ", paragraph)]));
                paragraph.Clear();
            }

            if (list.Count > 0)
            {
                blocks.Add(new TextBlock(true, [.. list]));
                list.Clear();
            }
        }

        foreach (var raw in (text ?? "").ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                Flush();
            }
            else if (Bullets.FirstOrDefault(b => line.StartsWith(b, StringComparison.Ordinal)) is { } bullet)
            {
                if (paragraph.Count > 0)
                {
                    blocks.Add(new TextBlock(false, [string.Join(" ", paragraph)]));
                    paragraph.Clear();
                }

                list.Add(line[bullet.Length..].Trim());
            }
            else if (list.Count > 0)
            {
                // A line after a bullet without a blank line between continues that bullet.
                list[^1] += " " + line;
            }
            else
            {
                paragraph.Add(line);
            }
        }

        Flush();
        return blocks;
    }

    /// <summary>The commentary as one line of plain text: paragraphs joined by a space, bullets by "; ".</summary>
    public static string Plain(string? text) =>
        string.Join(" ", Parse(text).Select(b => b.IsList ? string.Join("; ", b.Lines) : b.Lines[0]));
}
