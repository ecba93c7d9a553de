import RAMPolicy

/// The one-sentence summaries of explanations, in the words compliance readers use.
enum SummaryWriter {
    static func location(_ m: StatementMatch) -> String {
        "\(m.file):\(m.statement.span.start.line):\(m.statement.span.start.column)"
    }

    static func term(_ constraints: [Constraint]) -> String {
        constraints.map(\.description).joined(separator: " and ")
    }

    static func exception(_ e: DenyException) -> String {
        let when = e.constraints.isEmpty ? "always" : term(e.constraints)
        return "\(when) (Deny, \(e.location))"
    }

    static func always() -> String { "Allowed always." }

    static func conditional(granted: [[Constraint]], exceptions: [DenyException]) -> String {
        // A granted region with an unconditional term is "everything": only the exceptions restrict it.
        let unconditional = granted.contains { $0.isEmpty }
        var s = "Allowed"
        if !unconditional { s += " only when " + granted.map(term).joined(separator: ", or when ") }
        if !exceptions.isEmpty {
            s += (unconditional ? " except when " : ", except when ") + exceptions.map(exception).joined(separator: ", or when ")
        }
        return s + "."
    }

    static func noGrant(layer: PolicyLayer, action: String, resource: String) -> String {
        let target = resource == "*" ? action : "\(action) on \(resource)"
        switch layer {
        case .identity, .trust: return "Never allowed: no statement grants \(target)."
        case .session: return "Never allowed: the session policy does not allow \(target)."
        case .control: return "Never allowed: the control policies do not allow \(target)."
        }
    }

    static func contradictory(action: String) -> String {
        "Never allowed: the conditions of the statements that would allow \(action) cannot all hold at once."
    }

    static func denied(_ denies: [StatementMatch]) -> String {
        let places = denies.map(location)
        let list = places.count <= 2 ? places.joined(separator: " and ")
            : places.dropLast().joined(separator: ", ") + " and " + (places.last ?? "")
        return "Never allowed: denied by \(list) (Deny)."
    }

    static func undecidable(action: String, reasons: [String]) -> String {
        "Cannot decide when \(action) is allowed: " + reasons.joined(separator: "; ") + "."
    }
}
