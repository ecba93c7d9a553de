/// The positive (non-negated) form of one condition, applied to one request value exactly as the engine
/// applies it: same value parsing, same comparisons, same case rules.
///
/// Public so that analyses which reason about conditions (`explain`, `diff`) use the engine's own
/// comparison rather than a copy that could drift from it. Negation, `IfExists` and absent keys are the
/// caller's business, as they are the evaluator's.
public struct ConditionValueTest: Sendable {
    private let compiled: CompiledCondition

    public init(_ condition: Condition) {
        compiled = CompiledCondition(condition, interner: ConditionInterner())
    }

    public func matches(_ value: ContextValue) -> Bool {
        compiled.positiveMatch(value)
    }
}
