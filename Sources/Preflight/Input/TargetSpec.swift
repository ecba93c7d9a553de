import AlibabaCloud

/// Where the user asked the call to go.
public enum TargetSpec: Sendable, Hashable {
    /// `--region`: the endpoint comes from VOD's catalogue.
    case region(String)
    /// `--endpoint URL`, as typed.
    case endpoint(String)
    /// An endpoint ramguard chose itself (the in-process emulator), with a sentence saying so.
    case local(ServiceEndpoint, note: String)
    /// Neither was given.
    case missing
}
