import Foundation
import Testing
@testable import LaminaCompare

/// What `lamina tasks` reports: each task's options and whether its data is there.
@Suite struct TaskCatalogTests {
    @Test func syntheticTasksAreGeneratedAndEveryOptionHasADefault() {
        #expect(TaskCatalog.dataStatus(of: AddingTask()) == .generated)
        #expect(TaskCatalog.dataStatus(of: CopyTask()) == .generated)
        #expect(TaskCatalog.options(of: CopyTask()).map(\.defaultValue) == ["20", "2000"])
        for task in TaskRegistry.all {
            #expect(TaskCatalog.options(of: task).allSatisfy { !$0.defaultValue.isEmpty && !$0.meaning.isEmpty }, "\(task.name)")
        }
    }

    @Test func aMissingFileGivesItsPathAndTheFetchCommand() {
        let status = TaskCatalog.dataStatus(of: VowelsTask(folder: "/nonexistent/vowels"))
        #expect(status == .missing(path: "/nonexistent/vowels/JapaneseVowels_TRAIN.ts", command: VowelsTask.downloadCommand))
        #expect(status.word == "missing")
        #expect(TaskCatalog.dataStatus(of: FashionMNISTTask(folder: "/nonexistent/fashion"))
            == .missing(path: "/nonexistent/fashion/train-images-idx3-ubyte.gz", command: "apt-get install dataset-fashion-mnist"))
    }

    @Test func aFileThatIsThereButBrokenIsUnreadable() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"] {
            try Data("not gzip".utf8).write(to: dir.appendingPathComponent(name))
        }
        let status = TaskCatalog.dataStatus(of: FashionMNISTTask(folder: dir.path))
        guard case .unreadable(let problem) = status else { Issue.record("got \(status)"); return }
        #expect(problem.hasPrefix("task fashion-mnist:") && !problem.contains("\n"), "\(problem)")
        let text = dir.appendingPathComponent("hamlet.txt")
        try Data("too short".utf8).write(to: text)
        #expect(TaskCatalog.dataStatus(of: ShakespeareTask(path: text.path))
            == .unreadable("task shakespeare: \(text.path) holds 9 bytes of text, too few for 10 windows of 50 "   // "too short" is 9 bytes; 10·50+1 = 501
                           + "(at least 501); use a longer text or a smaller taskOptions.shakespeare.length"))
    }
}
