namespace Outturn.Data.Entities;

/// <summary>A measure's statistical process control limits worked out afresh from a period, with why, who and when
/// (<see cref="Domain.Statistics.SpcRebase"/>).</summary>
public sealed class SpcRebaseRecord
{
    public int Id { get; set; }
    public int ItemId { get; set; }

    /// <summary>The period, in its canonical text (<see cref="Domain.Periods.Period"/>).</summary>
    public required string Period { get; set; }

    public required string Reason { get; set; }
    public required string SetBy { get; set; }
    public DateTime SetAt { get; set; }
}
