/// How a `ramguard submit` ended, with its documented exit code.
///
/// | outcome | exit | meaning |
/// |---|---|---|
/// | `submitted` | 0 | the service accepted the job (TaskId in the report) |
/// | `dry_run` | 0 | preflight passed; the request was printed, nothing was sent |
/// | `denied` | 1 | the local policy check (nothing sent) or the service (RAM) denied the call |
/// | `preflight_failed` | 2 | the `--policy` files are invalid (an input error) |
/// | `preflight_failed` | 3 | another blocking preflight check failed; nothing was sent |
/// | `api_error` | 4 | the service refused the call or it could not be sent; certainly not processed |
/// | `unknown` | 5 | the call may or may not have started a job (timeout, dropped connection, 5xx) |
///
/// Usage errors (bad arguments, unreadable files) also exit 2, before any report.
public enum SubmitOutcome: String, Sendable, Hashable, CaseIterable {
    case submitted
    case dryRun = "dry_run"
    case preflightFailed = "preflight_failed"
    case denied
    case apiError = "api_error"
    case unknown
}

/// The exit codes of `ramguard submit` and `ramguard preflight`.
public enum SubmitExitCode {
    /// Submitted, dry run done, or (preflight) every blocking check passed or is undecided.
    public static let success: Int32 = 0
    /// Denied by the local policy check or by the service.
    public static let denied: Int32 = 1
    /// Usage or input error (including invalid `--policy` files).
    public static let usage: Int32 = 2
    /// Another blocking preflight check failed.
    public static let preflightFailed: Int32 = 3
    /// Any other API error: the call was certainly not processed.
    public static let apiError: Int32 = 4
    /// The outcome is unknown: the job may have been started.
    public static let unknown: Int32 = 5

    /// The text for `--help`.
    public static let documentation = """
        Exit codes:
          0  submitted (or, with --dry-run, the request was printed and nothing sent)
          1  denied: by the local policy check (nothing sent) or by the service (RAM)
          2  usage or input error (bad arguments, unreadable or invalid policy files)
          3  another blocking preflight check failed (credentials, endpoint, parameters, clock, journal)
          4  other API error (the call was refused or could not be sent; certainly not processed)
          5  outcome unknown (timeout, dropped connection or server error after sending: the job may exist)
        """
}
