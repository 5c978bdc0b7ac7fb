import Foundation
import Testing
@testable import LaminaCompare

/// Data files that exist but are not what a task reads: a clear error, never a trap or "missing".
@Suite struct HostileDataFileTests {
    @Test func randomBytesAreNotShakespeare() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = 0xFF   // never valid in UTF-8 (RFC 3629), so the first bad byte is at offset 0
        let path = dir.appendingPathComponent("random.txt").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: TaskError.self) { try ShakespeareTask(path: path).makeData(seed: 0, options: [:]) }
        #expect("\(error!)" == "task shakespeare: \(path) is present but unreadable (not UTF-8: byte 0 is 0xff)")
    }

    @Test func utf8WithControlBytesIsNotText() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("nul.txt").path
        try Data(Array("To be\n".utf8) + [0] + Array(" or not".utf8)).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: TaskError.self) { try ShakespeareTask(path: path).makeData(seed: 0, options: [:]) }
        #expect("\(error!)".contains("is present but is not text (control byte 0x0 at offset 6)"))
    }

    @Test func vowelsFileThatIsNotUTF8IsUnreadableNotMissing() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        // "é" in Latin-1 (0xE9) followed by ASCII is not UTF-8: 0xE9 starts a 3-byte sequence that "x" breaks.
        try Data(Array("@data\n".utf8) + [0xE9] + Array("x".utf8)).write(to: dir.appendingPathComponent("JapaneseVowels_TRAIN.ts"))
        let error = #expect(throws: TaskError.self) { try VowelsTask(folder: dir.path).makeData(seed: 0, options: [:]) }
        let text = "\(error!)"
        #expect(text.contains("present but unreadable (not UTF-8: byte 6 is 0xe9)") && !text.contains("missing"), "\(text)")
        let absent = #expect(throws: TaskError.self) { try VowelsTask(folder: dir.path + "/none").makeData(seed: 0, options: [:]) }
        #expect("\(absent!)".contains("is missing; get it with"))
    }

    @Test func vowelsLabelOutsideTheSpeakersIsAnError() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let channels = Array(repeating: "0.1,0.2", count: 12).joined(separator: ":")
        try Data("@data\n\(channels):10\n".utf8).write(to: dir.appendingPathComponent("JapaneseVowels_TRAIN.ts"))
        let error = #expect(throws: TaskError.self) { try VowelsTask(folder: dir.path).makeData(seed: 0, options: [:]) }
        #expect("\(error!)".contains("line 2: label 10 is not a speaker 1...9"))
    }

    @Test func validUTF8OffsetsAreFound() {
        #expect(TextDataFile.firstInvalidUTF8(Data("héllo".utf8)) == nil)
        // "hé" is 3 bytes (h, C3 A9); the lone continuation byte 0x80 follows at offset 3.
        #expect(TextDataFile.firstInvalidUTF8(Data(Array("hé".utf8) + [0x80])) == 3)
    }
}
