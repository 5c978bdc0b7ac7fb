import Foundation
import Lamina
import LaminaTensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps worker processes from outliving the `lamina compare` that started
/// them.
///
/// Foundation starts each worker in its own process group, so a Ctrl-C at
/// the terminal reaches only the parent. Two mechanisms close the gap:
/// the parent tracks its live workers and, on SIGINT or SIGTERM, sends them
/// SIGTERM before it exits (``installSignalForwarding()``); and each worker
/// watches its parent (``watchParent()``) and exits when the parent is gone,
/// which also covers a parent killed by SIGKILL.
public enum WorkerProcesses {
    /// The environment variable through which a worker learns its parent's process id.
    public static let parentVariable = "LAMINA_PARENT_PID"

    /// The environment of a worker started by the process with id `parent` whose own
    /// environment is `inherited`: the same, with ``parentVariable`` set to `parent` and
    /// `OPENBLAS_NUM_THREADS` set, unless the user set it, to the BLAS threads the worker
    /// will use (`BLAS.requestedThreadCount`, as `BLAS.configureDefaultThreads` reads it).
    ///
    /// OpenBLAS reads `OPENBLAS_NUM_THREADS` when it loads, before any of Lamina's code
    /// runs. Without it, it starts a thread per core, and although Lamina asks for one
    /// thread, each idle extra thread spins on `sched_yield` for about 0.1 s of CPU
    /// after the library loads: in every worker, that is, once per run. Measured on a
    /// study of 45 short runs (two cores), 4.4 s of system CPU time went to those spins,
    /// time that `--jobs 2` takes from the other worker.
    public static func environment(inheriting inherited: [String: String], parent: Int32) -> [String: String] {
        var environment = inherited
        environment[parentVariable] = String(parent)
        if environment["OPENBLAS_NUM_THREADS"] == nil {
            environment["OPENBLAS_NUM_THREADS"] = String(BLAS.requestedThreadCount(environment["LAMINA_BLAS_THREADS"]))
        }
        return environment
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var live: Set<Int32> = []
    nonisolated(unsafe) private static var signalSources: [DispatchSourceSignal] = []

    /// Records a started worker.
    static func started(_ pid: Int32) { lock.lock(); live.insert(pid); lock.unlock() }

    /// Forgets a finished worker.
    static func finished(_ pid: Int32) { lock.lock(); live.remove(pid); lock.unlock() }

    /// The workers running now.
    public static var running: Set<Int32> { lock.lock(); defer { lock.unlock() }; return live }

    /// Sends `signal` to every live worker.
    public static func signalAll(_ signal: Int32 = SIGTERM) {
        for pid in running { kill(pid, signal) }
    }

    /// On SIGINT or SIGTERM: SIGTERM to every live worker, then exit with
    /// status 128 + the signal (130 for SIGINT, 143 for SIGTERM), as a shell
    /// reports a process ended by that signal. Call once, from the parent.
    public static func installSignalForwarding() {
        lock.lock(); defer { lock.unlock() }
        guard signalSources.isEmpty else { return }
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                signalAll(SIGTERM)
                StandardError.write("lamina: stopped by signal \(number); the workers were stopped, and runs in progress will be redone on resume\n")
                exit(128 + number)
            }
            source.resume()
            signalSources.append(source)
        }
    }

    /// In a worker: exits (status 137) as soon as the parent named by
    /// ``parentVariable`` is no longer this process's parent, checking every
    /// `interval` seconds on a background thread. Does nothing when the
    /// variable is absent (a worker started by hand).
    public static func watchParent(interval: Double = 0.2) {
        guard let text = ProcessInfo.processInfo.environment[parentVariable], let parent = Int32(text) else { return }
        if getppid() != parent { _exit(137) }
        let thread = Thread {
            while true {
                usleep(useconds_t(interval * 1_000_000))
                if getppid() != parent { _exit(137) }
            }
        }
        thread.start()
    }
}
