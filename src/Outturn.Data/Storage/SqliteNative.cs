using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Outturn.Data.Storage;

/// <summary>
/// SQLite's bind and column functions called directly, for the million-fold calls of a large import or read:
/// SQLitePCL's wrappers take and release the statement's safe handle and switch the thread out of managed code on every
/// call, which cost more than the call itself. These functions only copy a value into or out of a statement, never
/// block and never call back, which is what <see cref="SuppressGCTransitionAttribute"/> requires. Callers hold the
/// statement's safe handle for as long as they use its pointer. The library is the one SQLitePCL loads, e_sqlite3.
/// </summary>
internal static unsafe class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLite's <c>SQLITE_TRANSIENT</c>: copy the text before returning.</summary>
    public static readonly IntPtr Transient = new(-1);

    /// <summary>SQLite's <c>SQLITE_NULL</c> column type.</summary>
    public const int Null = 5;

    /// <summary>Throws SQLite's error, in Microsoft.Data.Sqlite's exception, unless <paramref name="rc"/> is
    /// SQLITE_OK.</summary>
    public static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_bind_int(IntPtr statement, int index, int value);

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_bind_null(IntPtr statement, int index);

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_bind_text(IntPtr statement, int index, byte* text, int length, IntPtr destructor);

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_column_type(IntPtr statement, int column);

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern long sqlite3_column_int64(IntPtr statement, int column);

    /// <summary>The column as UTF-8 text (converted to text first if stored otherwise), valid until the next
    /// step.</summary>
    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern byte* sqlite3_column_text(IntPtr statement, int column);

    /// <summary>The length in bytes of the column's text; call after <see cref="sqlite3_column_text"/>.</summary>
    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_column_bytes(IntPtr statement, int column);
}
