import Foundation

/// The ``ActionShape`` of every action text a linter has seen, shared by the threads that lint
/// documents with it.
///
/// A lookup is one hash and a lock held for it; computing a shape is a scan, a fold, a catalogue
/// lookup and a service-code search. The table starts over once it holds ``limit`` texts, which bounds
/// its memory on hostile input. `NSLock` rather than `Synchronization.Mutex`, which needs macOS 15
/// (the package supports macOS 13).
final class ActionShapeCache: @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var shapes: [String: ActionShape] = [:]
    static let limit = 8_192

    /// The shape of `text`, made with `make` the first time it is asked for.
    func shape(of text: String, make: () -> ActionShape) -> ActionShape {
        lock.lock()
        let known = shapes[text]
        lock.unlock()
        if let known { return known }
        let shape = make()
        lock.lock()
        if shapes.count >= Self.limit { shapes.removeAll(keepingCapacity: true) }
        shapes[text] = shape
        lock.unlock()
        return shape
    }
}
