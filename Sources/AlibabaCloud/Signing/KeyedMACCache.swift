import Crypto
import Foundation

/// HMAC states already keyed with a secret, per secret.
///
/// Keying an HMAC hashes two blocks and allocates two digest contexts — a tenth of a V3 signature's
/// cost — and a client signs, and an emulator verifies, with the same one or few secrets over and over.
/// A copy of a keyed state is independent of the cached one (swift-crypto copies a digest context
/// before updating one that is shared), so each signature starts from a copy.
///
/// Bounded: when full, the whole cache is dropped, so a stream of different secrets cannot grow it. The
/// secrets it holds are ones the process holds anyway; nothing here is ever printed.
final class KeyedMACCache<H: HashFunction>: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var states: [String: HMAC<H>] = [:]

    /// An HMAC keyed with `key(secret)`, ready for `update` and `finalize`.
    func authenticator(secret: String, key: (String) -> SymmetricKey) -> HMAC<H> {
        lock.lock()
        if let state = states[secret] {
            lock.unlock()
            return state
        }
        lock.unlock()
        let state = HMAC<H>(key: key(secret))
        lock.lock()
        if states.count >= KeyedMACs.limit { states.removeAll() }
        states[secret] = state
        lock.unlock()
        return state
    }
}

/// The process-wide caches of the two schemes.
enum KeyedMACs {
    /// The most secrets a cache keeps.
    static let limit = 32
    /// V3: HMAC-SHA256 keyed with the secret.
    static let v3 = KeyedMACCache<SHA256>()
    /// RPC V1: HMAC-SHA1 keyed with the secret plus `&`.
    static let v1 = KeyedMACCache<Insecure.SHA1>()
}
