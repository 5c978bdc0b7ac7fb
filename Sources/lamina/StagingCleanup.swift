import Dispatch
import Foundation
import Lamina
import LaminaCompare
#if canImport(Glibc)
import Glibc
#endif

/// Removes a report's staging folder when `lamina report` is stopped by Ctrl-C (SIGINT) or SIGTERM while it
/// writes, so that no `.partial-<pid>` folder is left in the report folder; the previous report stays whole.
///
/// The signal is taken on a dispatch queue. The main thread, which writes the report, is first parked (a
/// SIGUSR2 to it waits in its handler), so that it neither adds files while the folder is removed nor exits
/// on the write errors that removal would cause; then the folder is removed and the process ends with
/// `_exit` (no exit handlers run while the main thread is parked).
enum StagingCleanup {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    nonisolated(unsafe) private static var mainThread = pthread_self()
    nonisolated(unsafe) private static var parked: Int32 = 0

    /// From now on, SIGINT and SIGTERM remove `folder`'s staging folder and end the process with status
    /// 128 + the signal (130, 143), as a shell reports a process ended by that signal. Call once, from the
    /// main thread.
    static func install(reportFolder folder: URL) {
        guard sources.isEmpty else { return }
        mainThread = pthread_self()
        signal(SIGUSR2) { _ in
            StagingCleanup.parked = 1
            while true { pause() }
        }
        let staging = ReportWriter.stagingFolder(in: folder)
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                pthread_kill(mainThread, SIGUSR2)
                for _ in 0..<200 where parked == 0 { usleep(5_000) }   // at most a second
                let staged = FileManager.default.fileExists(atPath: staging.path)
                for _ in 0..<20 where FileManager.default.fileExists(atPath: staging.path) {
                    try? FileManager.default.removeItem(at: staging)
                }
                StandardError.write("lamina: stopped by signal \(number)"
                                    + (staged ? "; the report was not written, \(folder.path) is as it was\n" : "\n"))
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
