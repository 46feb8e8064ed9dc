namespace ModArith.Web.Security;

/// <summary>
/// A reason the dashboard cannot start that the person starting it can fix (a setting, a folder's
/// permissions): printed as one line naming the setting or path and what to do, then a non-zero exit.
/// </summary>
public sealed class StartupFailure(string message, Exception? inner = null) : Exception(message, inner);
