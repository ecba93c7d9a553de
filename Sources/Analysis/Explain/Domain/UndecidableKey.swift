/// Why the analysis cannot cut one condition key's values into cells (the explanation then says
/// "cannot decide" instead of guessing).
struct UndecidableKey: Error, Sendable, Hashable {
    var key: String
    var reason: String
}
