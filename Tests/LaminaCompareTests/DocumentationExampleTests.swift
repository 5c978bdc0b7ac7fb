import Foundation
import Testing
import Lamina
import LaminaGraph
import LaminaTensor
import LaminaPlot
@testable import LaminaCompare

// Every Swift example of the LaminaCompare DocC articles, copied line for line (DocumentationSyncTests checks
// that the copies match), then run and checked.

@Suite struct CompareDocumentationExampleTests {
    /// Sources/LaminaCompare/LaminaCompare.docc/RunningAStudy.md, "One run" and "A study".
    @Test func runningAStudy() throws {
        let spec = RunSpecification(study: "first", task: "adding", profile: "keras2", seed: 0, cell: "lstm", units: 8,
                                    epochs: 2, batchSize: 32, optimizer: "adam", learningRate: 0.01, clipNorm: 1,
                                    libraryDefaults: false, taskOptions: ["length": 10, "examples": 64])
        let record = try trainRun(spec) { epoch in
            print("epoch \(epoch.epoch): validation \(epoch.validationMetric)")
        }
        print(record.metric, record.epochs.count, record.diverged)     // mse 2 false
        #expect(record.metric == "mse" && record.epochs.map(\.epoch) == [1, 2] && !record.diverged)
        try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "first.jsonl")

        let results = ResultsFile(path: NSTemporaryDirectory() + "first.jsonl")
        let runner = StudyRunner(specifications: [spec], results: results, executor: .inProcess { try trainRun($0) })
        let summary = try runner.run()
        print(summary.executed, try runner.run().skipped)              // 1 1: the second call resumes
        #expect(summary.executed == 1 && summary.skipped == 0)
        let stored = try results.load().records
        // The same spec trains to the same numbers (deterministic from the seed).
        #expect(stored.map(\.testMetric) == [record.testMetric])
        try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "first.jsonl")
    }

    /// Sources/LaminaCompare/LaminaCompare.docc/ProfilesAndSources.md, "A profile".
    @Test func profilesAndSources() throws {
        let profile = try ProfileRegistry.named("keras2")
        for code in SourceCatalog.codes(in: profile.source) {
            print(code, SourceCatalog.entries[code]!.url)
        }
        let radii = try profile.spectralRadii(cell: "lstm", inputSize: 8, units: 32, seed: 0)
        print(radii.keys.sorted())                                    // ["cell", "forget", "input", "output"]
        #expect(SourceCatalog.codes(in: profile.source) == ["K2a", "K2b"])
        #expect(radii.keys.sorted() == ["cell", "forget", "input", "output"])
    }
}

/// The examples in README.md and in every DocC article are the ones the example tests run: each Swift code
/// block's lines (trimmed, without blank and `import` lines) appear one after another in one of the mirror
/// files. Change an example and this fails until its mirror (and so its check) is changed too.
@Suite struct DocumentationSyncTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func normalized(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("import ") }
    }

    /// The Swift code blocks of a Markdown text.
    static func swiftBlocks(_ markdown: String) -> [String] {
        var blocks: [String] = [], current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```swift" { current = []; continue }
            if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" {
                blocks.append(current!.joined(separator: "\n")); current = nil; continue
            }
            current?.append(line)
        }
        return blocks
    }

    @Test func everyExampleHasARunningMirror() throws {
        let mirrors = try ["Tests/LaminaTests/DocumentationExampleTests.swift", "Tests/LaminaCompareTests/DocumentationExampleTests.swift"]
            .map { Self.normalized(try String(contentsOf: Self.root.appendingPathComponent($0), encoding: .utf8)) }
        var documents = ["README.md"]
        for module in ["LaminaTensor", "LaminaGraph", "Lamina", "LaminaPlot", "LaminaCompare"] {
            let folder = "Sources/\(module)/\(module).docc"
            let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path)
            documents += files.filter { $0.hasSuffix(".md") }.sorted().map { "\(folder)/\($0)" }
        }
        var blocks = 0
        for document in documents {
            let text = try String(contentsOf: Self.root.appendingPathComponent(document), encoding: .utf8)
            for block in Self.swiftBlocks(text) {
                blocks += 1
                let lines = Self.normalized(block)
                let found = mirrors.contains { mirror in
                    mirror.indices.contains { start in
                        start + lines.count <= mirror.count && Array(mirror[start ..< start + lines.count]) == lines
                    }
                }
                #expect(found, "an example in \(document) has no line-for-line mirror in the example tests:\n\(block)")
            }
        }
        // README (2), GettingStarted (1), WritingALayer (2), RecurrentLayersAndTaps (2), EngineAndRewrites (1),
        // RunningAStudy (2), ProfilesAndSources (1), NestedNetworks (1), Training (1), LaminaPlot (1).
        #expect(blocks == 14)
    }
}

extension CompareDocumentationExampleTests {
    /// Sources/LaminaPlot/LaminaPlot.docc/LaminaPlot.md: the Trainer's live plot, into a PNG after every epoch.
    @Test(.enabled(if: Gnuplot.locate() != nil, "needs gnuplot (apt-get install gnuplot-nox)"))
    func trainingPlotArticle() throws {
        let gnuplot = try #require(Gnuplot.locate())
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let imagePath = dir.appendingPathComponent("curves.png").path
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let trainer = try Trainer(trainStep: function(inputs: [x], outputs: [x.sum()]), parameters: [])
        let plot = TrainingPlot(target: .image(path: imagePath), gnuplot: gnuplot)
        trainer.extensions.append(plot)
        try trainer.fit(epochs: 2, training: ArrayBatches([NDArray([1, 2, 3] as [Double])], batchSize: 2))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: imagePath)))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] && bytes.count > 1_000)   // a PNG
    }
}
