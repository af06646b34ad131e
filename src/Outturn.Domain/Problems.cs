namespace Outturn.Domain;

/// <summary>One problem in an import file: where it is, what was found and what was expected.
/// Row numbers count the header as row 1, as a spreadsheet shows them.</summary>
public sealed record ImportError(string File, int Row, string? Column, string? Value, string Expected)
{
    public override string ToString()
    {
        var where = Row > 0 ? $"{File}, row {Row}" : File;
        var column = Column is null ? "" : $", column '{Column}'";
        var value = Value is null ? "" : $": '{(Value.Length > 80 ? Value[..77] + "..." : Value)}'";
        return $"{where}{column}{value}: {Expected}";
    }
}

/// <summary>A problem a person can fix, told in words (no stack trace).</summary>
public sealed class OutturnException(string message) : Exception(message);
