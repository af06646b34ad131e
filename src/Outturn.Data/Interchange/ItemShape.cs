using Outturn.Domain.Framework;

namespace Outturn.Data.Interchange;

/// <summary>What a values row is checked against: the item's kind and unit. The ordinal numbers items within one
/// import.</summary>
public sealed record ItemShape(ItemKind Kind, Unit Unit, int? RatePer, int Ordinal);
