namespace Outturn.Data.Interchange;

/// <summary>Thrown when an import is refused; nothing has been changed.</summary>
public sealed class ImportRejectedException(IReadOnlyList<ImportError> errors)
    : Exception($"The import was refused with {errors.Count} error(s); nothing was changed.")
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;
}
