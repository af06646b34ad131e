using System.Buffers;
using System.Text;

namespace Outturn.Data.Interchange;

/// <summary>
/// What a CSV file's bytes say before any of it is parsed: the text encoding, the separator of its header and how
/// many columns the header has. One pass over the bytes, holding one buffer, so that a file which is not what it
/// seems (UTF-16, a binary, Windows-1252, a header of a million columns) is refused or read rightly before a
/// parser builds anything from it.
/// </summary>
/// <remarks>
/// Excel's "CSV (Comma delimited)" on Windows writes Windows-1252 (a pound sign is the single byte 0xA3), its
/// "CSV UTF-8" writes UTF-8 with a byte order mark. A file with no valid multi-byte UTF-8 sequence and some bytes
/// that are not UTF-8 is read as Windows-1252; one that mixes valid UTF-8 with invalid bytes is damaged and refused.
/// </remarks>
public sealed record TextProbe(Encoding? Encoding, int HeaderColumns, char? OtherSeparator, string? Problem, long Line)
{
    private static readonly Encoding Windows1252 = CodePages(1252);

    // Bytes Windows-1252 leaves undefined: a file holding one is not Windows-1252 either.
    private static readonly SearchValues<byte> Undefined1252 = SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D]);

    public static TextProbe Of(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            return Scan(stream, buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static TextProbe Scan(Stream stream, byte[] buffer)
    {
        long line = 1;
        long firstInvalidLine = 0;
        var validMultiByte = false;
        var undefined1252 = false;
        var header = new HeaderCounter();
        var carry = 0;
        var start = true;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0 || carry > 0)
        {
            var length = carry + read;
            var span = buffer.AsSpan(0, length);
            if (start)
            {
                start = false;
                if (
                    span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
                    || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
                )
                {
                    return new TextProbe(
                        null,
                        0,
                        null,
                        "UTF-16 text: save it as 'CSV UTF-8 (Comma delimited)' instead",
                        1
                    );
                }

                if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    span = span[3..];
                }
            }

            var atEnd = read == 0;
            var i = 0;
            carry = 0;
            while (i < span.Length)
            {
                var rest = span[i..];
                var plain = rest.IndexOfAnyExceptInRange((byte)0x01, (byte)0x7F);
                var ascii = plain < 0 ? rest : rest[..plain];
                line += ascii.Count((byte)'\n');
                header.Add(ascii);
                if (plain < 0)
                {
                    break;
                }

                i += plain;
                if (span[i] == 0)
                {
                    return new TextProbe(
                        null,
                        0,
                        null,
                        "a NUL byte (0x00): this is not a text file; save it as 'CSV UTF-8 (Comma delimited)'",
                        line
                    );
                }

                var status = Rune.DecodeFromUtf8(span[i..], out _, out var size);
                if (status == OperationStatus.NeedMoreData && !atEnd)
                {
                    // A sequence cut by the end of the buffer: read on and look at it whole.
                    carry = span.Length - i;
                    span[i..].CopyTo(buffer);
                    break;
                }

                if (status == OperationStatus.Done)
                {
                    validMultiByte = true;
                }
                else
                {
                    firstInvalidLine = firstInvalidLine == 0 ? line : firstInvalidLine;
                    undefined1252 |= Undefined1252.Contains(span[i]);
                    size = Math.Max(1, size);
                }

                header.Add(span.Slice(i, size));
                i += size;
            }

            if (atEnd)
            {
                break;
            }
        }

        if (firstInvalidLine > 0 && (validMultiByte || undefined1252))
        {
            return new TextProbe(
                null,
                header.Columns,
                header.Other,
                "text that is not valid UTF-8: save it as 'CSV UTF-8 (Comma delimited)'",
                firstInvalidLine
            );
        }

        var encoding = firstInvalidLine > 0 ? Windows1252 : new UTF8Encoding(false, throwOnInvalidBytes: true);
        return new TextProbe(encoding, header.Columns, header.Other, null, line);
    }

    private static Encoding CodePages(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>Counts the fields of the first record (commas outside quotes, up to its first line break outside
    /// quotes), and notices a semicolon or tab there, which would be another program's separator.</summary>
    private struct HeaderCounter()
    {
        private bool _quoted;
        private bool _done;
        private int _commas;
        private bool _any;

        public char? Other { get; private set; }

        public readonly int Columns => _any ? _commas + 1 : 0;

        public void Add(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (_done)
                {
                    return;
                }

                switch (b)
                {
                    case (byte)'"':
                        _quoted = !_quoted;
                        break;
                    case (byte)',' when !_quoted:
                        _commas++;
                        break;
                    case (byte)';' or (byte)'\t' when !_quoted:
                        Other ??= (char)b;
                        break;
                    case (byte)'\n' or (byte)'\r' when !_quoted:
                        _done = _any;
                        continue;
                }

                _any |= b is not ((byte)' ' or (byte)'\r' or (byte)'\n');
            }
        }
    }
}
