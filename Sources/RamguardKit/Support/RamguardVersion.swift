/// The version reported in every report and by `ramguard --version`.
public enum RamguardVersion {
    public static let current = "0.1.0"
}
