namespace ModArith.Data;

/// <summary>How a run's log line reads: a normal event, something to notice (stopped, interrupted), or a failure.</summary>
public enum RunLogLevel
{
    Info,
    Warning,
    Error,
}
