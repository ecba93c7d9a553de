extension Report {
    /// Whether the report carries any section of `lint`, `audit`, `explain` or `diff`; renderers use it to pick
    /// their layout (reports of other verbs never do, so their rendering is unchanged).
    public var hasAnalysisSections: Bool {
        findings != nil || audit != nil || explanation != nil || diff != nil || summary != nil || gate != nil
    }

    /// The gate the report was held to, or the default one (only errors count) when it names none.
    public var effectiveGate: GateInfo {
        gate ?? GateInfo(threshold: GateInfo.defaultThreshold, failed: false)
    }
}
