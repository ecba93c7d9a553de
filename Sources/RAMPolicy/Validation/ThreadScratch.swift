#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a thread keeps from one document it validates to the next: the ``TextInterner`` and the tape's
/// node buffer (``JSONTape/takeStorage()``). Each is moved out while a document uses it and put back
/// after, and each has its own bound, so a thread holds little between documents.
///
/// One place per thread (rather than one per document) because the work is per thread anyway: a tree's
/// files are validated by a few worker threads, one file at a time each, and nothing here is shared
/// between threads, so nothing needs a lock.
struct ThreadScratch {
    var texts = TextInterner()
    var tape: JSONTape.Storage?

    /// The calling thread's place, made on first use and freed when the thread ends.
    static func slot() -> UnsafeMutablePointer<ThreadScratch> {
        let key = scratchKey
        if let raw = pthread_getspecific(key) { return raw.assumingMemoryBound(to: ThreadScratch.self) }
        let slot = UnsafeMutablePointer<ThreadScratch>.allocate(capacity: 1)
        slot.initialize(to: ThreadScratch())
        pthread_setspecific(key, slot)
        return slot
    }
}

/// The thread-local key of ``ThreadScratch/slot()``; its destructor frees a finished thread's scratch.
private let scratchKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { raw in
        guard let raw = raw as UnsafeMutableRawPointer? else { return }
        let slot = raw.assumingMemoryBound(to: ThreadScratch.self)
        slot.pointee.texts.free()
        slot.deinitialize(count: 1)
        slot.deallocate()
    }
    return key
}()
