import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive claim on a results file for one `lamina compare`: an
/// `flock` on `<results>.lock` beside it, held until the claim is released
/// (or the process ends, when the kernel drops it). A second process that
/// asks for the same file is refused at once with a message; within one
/// process, claims on one path are shared.
public final class ResultsLock: @unchecked Sendable {
    /// The lock file's path.
    public let path: String
    private let descriptor: Int32

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var held: [String: (lock: ResultsLock, count: Int)] = [:]

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Claims the results file at `resultsPath`, creating its folder and
    /// lock file if needed; call ``release()`` when done.
    /// - Throws: ``ResultsFileError/io(path:reason:)`` when the folder cannot
    ///   be created or written, or when another process holds the claim.
    public static func acquire(resultsPath: String) throws -> ResultsLock {
        let lockPath = resultsPath + ".lock"
        let key = URL(fileURLWithPath: lockPath).standardizedFileURL.path
        registryLock.lock(); defer { registryLock.unlock() }
        if let entry = held[key] {
            held[key] = (entry.lock, entry.count + 1)
            return entry.lock
        }
        let folder = PathText.parentFolder(of: resultsPath)
        if !folder.isEmpty {
            do { try OutputPaths.createFolder(folder, role: "results folder") } catch {
                throw ResultsFileError.io(path: resultsPath, reason: "\(error)")
            }
        }
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ResultsFileError.io(path: resultsPath, reason: "cannot create the lock file \(lockPath) (is the folder writable?): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            close(fd)
            throw ResultsFileError.io(path: resultsPath, reason: busy
                ? "is in use by another lamina compare (it holds \(lockPath)); wait for it to finish, or give this one another --results file"
                : "cannot lock \(lockPath): \(String(cString: strerror(errno)))")
        }
        // The file itself must be writable too, not only its folder.
        if FileManager.default.fileExists(atPath: resultsPath), access(resultsPath, W_OK) != 0 {
            close(fd)
            throw ResultsFileError.io(path: resultsPath, reason: "is not writable: \(String(cString: strerror(errno)))")
        }
        let lock = ResultsLock(path: lockPath, descriptor: fd)
        held[key] = (lock, 1)
        return lock
    }

    /// Releases one claim; the lock is dropped when the last claim in this process is released.
    public func release() {
        let key = URL(fileURLWithPath: path).standardizedFileURL.path
        ResultsLock.registryLock.lock(); defer { ResultsLock.registryLock.unlock() }
        guard let entry = ResultsLock.held[key], entry.lock === self else { return }
        if entry.count > 1 {
            ResultsLock.held[key] = (self, entry.count - 1)
        } else {
            ResultsLock.held[key] = nil
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
    }
}
