import RamguardCommandLine

// `ramguard submit`, `preflight` and `emulator` run here: the verbs that talk HTTP, and the only code that
// links FoundationNetworking (URLSession, libcurl). `ramguard` hands them over with exec, so that a
// `check`, `lint` or `audit` starts without loading libcurl and its thirty libraries.
await CommandLineEntry.run(RamguardCloud.self)
