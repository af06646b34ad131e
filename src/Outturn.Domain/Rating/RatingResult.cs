namespace Outturn.Domain.Rating;

/// <summary>A rating with the words that explain it. <see cref="Computed"/> is what the rules give;
/// <see cref="Final"/> is what is reported, which differs only under a manual override.</summary>
public sealed record RatingResult(Rag Final, Rag Computed, string Reason)
{
    public bool IsOverridden => Final != Computed;
}
