#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator settings, applied once before a command runs.
enum MemoryTuning {
    /// How far glibc's allocator extends a heap beyond what an allocation needs.
    ///
    /// By default each worker thread's heap is made writable a few pages at a time as it grows: a lint of
    /// 10,000 policies made 24,000 `mprotect` calls, a twentieth of its CPU time in the kernel. With a
    /// generous pad a heap is made writable once. Address space is reserved, not memory: pages still cost
    /// nothing until they are touched, so the resident size does not change.
    static let topPad: Int32 = 64 << 20

    static func apply() {
        #if canImport(Glibc)
        // `mallopt` is glibc's (malloc.h, which the Glibc module does not import): looked up by name, and
        // skipped when absent (another C library).
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let topPadParameter: Int32 = -2 // M_TOP_PAD
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MallOpt.self)(topPadParameter, topPad)
        #endif
    }
}
