import NIOCore

/// Runs a task's jobs on a SwiftNIO event loop: the emulator's request pipeline runs on the event loop of
/// the connection it serves, not on the Swift concurrency pool.
///
/// Why: the pool has one thread per core, and a caller in the same process that blocks pool threads — a
/// test that waits synchronously for a child process, a benchmark driver — would otherwise stall every
/// answer of an in-process emulator until they return (seen: 15-second stalls on 2 cores while the CLI
/// tests ran). With this task executor preference (SE-0417) the pipeline, and the default actor it calls
/// (``EmulatorState``), run on the event loop's thread; it also saves a thread hop per request. The
/// pipeline never blocks: journal commits and latency faults suspend.
@available(macOS 15.0, *)
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute {
            job.runSynchronously(on: executor)
        }
    }
}
