// libFuzzer's driver, called from Swift's own entry point.
//
// SwiftPM links executables with `--defsym main=<Module>_main`, so libFuzzer's `main` cannot be used;
// instead `main.swift` hands control to `LLVMFuzzerRunDriver`, passing a closure literal (passing the
// `@_cdecl` function itself would emit a second `LLVMFuzzerTestOneInput` symbol here). See
// /work/shared/reference/swift-stack.md §7.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
