#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing messages to standard error that can never stop the program: when
/// standard error is a closed pipe (`lamina compare 2>&1 | head`), a full
/// device or closed, the message is dropped. (Foundation's
/// `FileHandle.write(_:)` traps on such an error; with SIGPIPE ignored, a
/// closed pipe is an error, not a signal.)
package enum StandardError {
    #if canImport(Glibc)
    private static let systemWrite = Glibc.write
    #else
    private static let systemWrite = Darwin.write
    #endif

    /// Writes `text` as it is (add the newline yourself), retrying short writes
    /// and interrupted calls, giving up silently on any other error.
    package static func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { systemWrite(2, $0.baseAddress, $0.count) }
            if written > 0 {
                bytes = bytes.dropFirst(written)
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
