import RAMPolicy

/// The one-sentence summaries of explanations, in the words compliance readers use.
enum SummaryWriter {
    static func location(_ m: StatementMatch) -> String {
        "\(m.file):\(m.statement.span.start.line):\(m.statement.span.start.column)"
    }

    static func always() -> String { "Allowed always." }

    /// - Parameters:
    ///   - granted: each granted term's constraint descriptions.
    ///   - exceptions: each carving Deny statement with its constraint descriptions.
    static func conditional(granted: [[String]], exceptions: [(descriptions: [String], statement: StatementMatch)]) -> String {
        // A granted region with an unconditional term is "everything": only the exceptions restrict it.
        let unconditional = granted.contains { $0.isEmpty }
        // Appended to one string: joining the terms and exceptions first made a string of each.
        var s = "Allowed"
        s.reserveCapacity(256)
        func append(term descriptions: [String]) {
            for (n, d) in descriptions.enumerated() {
                if n > 0 { s += " and " }
                s += d
            }
        }
        if !unconditional {
            s += " only when "
            for (n, term) in granted.enumerated() {
                if n > 0 { s += ", or when " }
                append(term: term)
            }
        }
        for (n, e) in exceptions.enumerated() {
            s += n > 0 ? ", or when " : unconditional ? " except when " : ", except when "
            if e.descriptions.isEmpty { s += "always" } else { append(term: e.descriptions) }
            s += " (Deny, "
            s += location(e.statement)
            s += ")"
        }
        s += "."
        return s
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
