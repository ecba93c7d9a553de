import RAMPolicy

/// Parses `KEY=VALUE` context arguments and checks the values of documented global keys, so that a
/// typo in an IP address is a usage error instead of a silent ImplicitDeny.
public enum ContextArgument {
    public static func parse(_ arguments: [String]) throws(RamguardError) -> RequestContext {
        var context = RequestContext()
        for argument in arguments {
            guard let eq = argument.firstIndex(of: "=") else {
                throw .usage("--context \(argument): expected KEY=VALUE, for example acs:SourceIp=203.0.113.7")
            }
            let key = String(argument[..<eq])
            let value = String(argument[argument.index(after: eq)...])
            try check(key: key, value: value, what: "--context \(argument)")
            context.add(key, value: value)
        }
        return context
    }

    public static func check(key: String, value: String, what: String) throws(RamguardError) {
        guard ConditionKeyName.isWellFormed(key) else {
            throw .usage("\(what): \"\(key)\" is not a condition key; write <service-code>:<key>, for example acs:SourceIp")
        }
        if let global = GlobalConditionKey.lookup(key), let problem = global.problem(with: value) {
            throw .usage("\(what): \"\(value)\" is not valid: \(problem)")
        }
    }
}
