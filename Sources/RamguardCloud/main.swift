import RamguardCommandLine

// `ramguard submit`, `preflight` and `emulator` run here: the verbs that talk HTTP, and the only code that
// links SwiftNIO and BoringSSL (swift-nio-ssl). `ramguard` hands them over with exec, so
// that a `check`, `lint` or `audit` starts without loading any of it.
await CommandLineEntry.run(RamguardCloud.self)
