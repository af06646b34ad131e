namespace Outturn.Domain.Values;

/// <summary>Why a value is missing.</summary>
public enum MissingReason
{
    NotYetAvailable,
    NotCollected,
    NotApplicable,
    ToBeConfirmed,
}

/// <summary>How firm a figure is.</summary>
public enum Qualifier
{
    Provisional,
    Forecast,
    Estimated,
    Final,
}

/// <summary>An action's progress in a period.</summary>
public enum ActionStatus
{
    NotStarted,
    OnTrack,
    SomeSlippage,
    MajorSlippage,
    Completed,
    Cancelled,
    Deferred,
}
