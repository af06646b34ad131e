using System.Text;

namespace Outturn.Data.Interchange;

/// <summary>Writes CSV as RFC 4180 says: fields with commas, quotes or line breaks are quoted, quotes doubled.
/// UTF-8 with a byte order mark, so that Excel shows £ and accents correctly; no cell can start a formula
/// (<see cref="SpreadsheetSafe"/>).</summary>
public sealed class CsvText : IDisposable, IAsyncDisposable
{
    private readonly StreamWriter _writer;

    public CsvText(string path) =>
        _writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);

    public void WriteRow(IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            if (string.IsNullOrEmpty(cells[i]))
            {
                continue;
            }

            var cell = SpreadsheetSafe.Protect(cells[i]!);

            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || cell[0] == ' ' || cell[^1] == ' ')
            {
                _writer.Write('"');
                _writer.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
                _writer.Write('"');
            }
            else
            {
                _writer.Write(cell);
            }
        }

        _writer.Write("\r\n");
    }

    public void Dispose() => _writer.Dispose();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
