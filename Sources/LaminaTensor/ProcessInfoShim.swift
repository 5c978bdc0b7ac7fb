import Foundation

/// Reads environment variables (kept in one place so kernels need not import Foundation).
enum ProcessInfoShim {
    static func environment(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }
}
