using System.Buffers.Binary;
using System.Text;

namespace Outturn.Data.Storage;

/// <summary>
/// Writes rows in PostgreSQL's binary COPY format into a raw COPY stream (Npgsql's <c>BeginRawBinaryCopy</c>): the
/// signature and header, each row as its number of fields and each field as its length and its bytes in network order,
/// then the trailer (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"). Npgsql's typed importer
/// resolves and binds a converter for every field it writes, which at millions of fields keeps a processor busy that
/// a load running beside its reading needs; this writes the few types a bulk load uses straight into a buffer. The
/// caller names the columns in its COPY statement and writes each row's fields in that order, each as its column's
/// type: <c>integer</c>, <c>double precision</c>, or text and <c>varchar</c> as UTF-8 (the client encoding Npgsql
/// sets).
/// </summary>
internal sealed class PgBinaryCopy(Stream stream)
{
    /// <summary>The signature ("PGCOPY", newline, 0xFF, carriage return, newline, NUL), then no flags and no
    /// header extension.</summary>
    private static readonly byte[] Header = [.. "PGCOPY\n"u8, 0xFF, .. "\r\n\0"u8, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly byte[] _buffer = new byte[1 << 16];
    private int _at;
    private bool _started;

    /// <summary>Starts a row of <paramref name="fields"/> fields.</summary>
    public void StartRow(short fields)
    {
        if (!_started)
        {
            _started = true;
            Header.CopyTo(_buffer, 0);
            _at = Header.Length;
        }

        Room(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_at), fields);
        _at += 2;
    }

    /// <summary>An <c>integer</c> field.</summary>
    public void Int(int value)
    {
        Room(8);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), 4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at + 4), value);
        _at += 8;
    }

    /// <summary>A <c>double precision</c> field, or null.</summary>
    public void Double(double? value)
    {
        if (value is not { } v)
        {
            Null();
            return;
        }

        Room(12);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), 8);
        BinaryPrimitives.WriteDoubleBigEndian(_buffer.AsSpan(_at + 4), v);
        _at += 12;
    }

    /// <summary>A text or <c>varchar</c> field, or null.</summary>
    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (4 + most > _buffer.Length)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            Room(4);
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), bytes.Length);
            _at += 4;
            Flush();
            stream.Write(bytes);
            return;
        }

        Room(4 + most);
        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_at + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), written);
        _at += 4 + written;
    }

    /// <summary>Writes the trailer and what is buffered; disposing the stream then ends the COPY.</summary>
    public void Complete()
    {
        StartRow(-1);
        Flush();
    }

    private void Null()
    {
        Room(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), -1);
        _at += 4;
    }

    private void Room(int bytes)
    {
        if (_at + bytes > _buffer.Length)
        {
            Flush();
        }
    }

    private void Flush()
    {
        stream.Write(_buffer, 0, _at);
        _at = 0;
    }
}
