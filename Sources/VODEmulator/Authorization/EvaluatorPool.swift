import Foundation
import RAMPolicy

/// Reusable ``RAMPolicy/Evaluator``s for one identity's ``RAMPolicy/Authorizer``, for requests served on
/// several threads at once.
///
/// An `Evaluator` caches the action plan (which statements can match `vod:SubmitWorkflowJob`) and is not
/// `Sendable`, so each request borrows one for the duration of one decision and gives it back. Compiling
/// the plan anew per request (`Authorizer.evaluate`) was a twentieth of the emulator's CPU per request.
final class EvaluatorPool: @unchecked Sendable {
    let authorizer: Authorizer
    private let lock = NSLock()
    // Guarded by `lock`.
    private var idle: [Evaluator] = []

    init(authorizer: Authorizer) {
        self.authorizer = authorizer
    }

    /// Runs `body` with an evaluator no other thread is using.
    func withEvaluator<R>(_ body: (Evaluator) -> R) -> R {
        lock.lock()
        let evaluator = idle.popLast() ?? Evaluator(authorizer)
        lock.unlock()
        defer {
            lock.lock()
            idle.append(evaluator)
            lock.unlock()
        }
        return body(evaluator)
    }
}
