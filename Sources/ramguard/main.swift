import RamguardCommandLine

await CommandLineEntry.run(Ramguard.self)
