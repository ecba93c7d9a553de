import RAMPolicy

/// The one-sentence summaries of explanations, in the words compliance readers use.
enum SummaryWriter {
    static func location(_ m: StatementMatch) -> String {
        "\(m.file):\(m.statement.span.start.line):\(m.statement.span.start.column)"
    }

    /// A term of constraints, from their descriptions.
    static func term(_ descriptions: [String]) -> String {
        descriptions.joined(separator: " and ")
    }

    /// A Deny statement's exception, from the descriptions of its constraints.
    static func exception(_ descriptions: [String], _ statement: StatementMatch) -> String {
        let when = descriptions.isEmpty ? "always" : term(descriptions)
        return "\(when) (Deny, \(location(statement)))"
    }

    static func always() -> String { "Allowed always." }

    /// - Parameters:
    ///   - granted: each granted term's constraint descriptions.
    ///   - exceptions: each carving Deny statement with its constraint descriptions.
    static func conditional(granted: [[String]], exceptions: [(descriptions: [String], statement: StatementMatch)]) -> String {
        // A granted region with an unconditional term is "everything": only the exceptions restrict it.
        let unconditional = granted.contains { $0.isEmpty }
        var s = "Allowed"
        if !unconditional { s += " only when " + granted.map(term).joined(separator: ", or when ") }
        if !exceptions.isEmpty {
            s += (unconditional ? " except when " : ", except when ")
                + exceptions.map { exception($0.descriptions, $0.statement) }.joined(separator: ", or when ")
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
