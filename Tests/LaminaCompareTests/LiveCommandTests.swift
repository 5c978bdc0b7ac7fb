import Foundation
import LaminaPlot
import Testing
@testable import LaminaCompare

/// `lamina compare --live` and the worker's `run-one --progress` protocol, end to end with real training.
extension CommandLineTests {
    /// A study of 2 profiles × 1 seed × 2 epochs on a small adding problem.
    func tinyLiveStudy(in dir: URL) throws -> URL {
        let study = dir.appendingPathComponent("live.json")
        let text = #"{"name": "live", "tasks": ["adding"], "profiles": ["keras2", "pytorch"], "seeds": 1, "model": {"units": 4}, "#
            + #""budget": {"epochs": 2, "batchSize": 16}, "taskOptions": {"adding": {"length": 5, "examples": 32}}}"#
        try Data(text.utf8).write(to: study)
        return study
    }

    @Test(.enabled(if: Gnuplot.locate() != nil, "needs gnuplot (apt-get install gnuplot-nox)"))
    func aBareLiveDrawsATextPlotAtEveryEpoch() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try tinyLiveStudy(in: dir)
        let results = dir.appendingPathComponent("r.jsonl")
        // `--live` followed by another option: the terminal plot.
        let (status, _, err) = try lamina(["compare", study.path, "--live", "--results", results.path])
        #expect(status == 0, "\(err)")
        // 2 runs × 2 epochs = 4 redraws, one after each epoch.
        #expect(err.components(separatedBy: "adding: validation mse").count - 1 == 4, "\(err)")
        #expect(err.contains("keras2/0") && err.contains("pytorch/0"))
        let records = try ResultsFile(path: results.path).load().records
        #expect(records.count == 2 && records.allSatisfy { $0.epochs.count == 2 })
    }

    @Test(.enabled(if: Gnuplot.locate() != nil, "needs gnuplot (apt-get install gnuplot-nox)"))
    func liveWithAPNGPathWritesTheImage() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try tinyLiveStudy(in: dir)
        let image = dir.appendingPathComponent("curves.png")
        let (status, _, err) = try lamina(["compare", "--live", image.path, study.path, "--results",
                                           dir.appendingPathComponent("r.jsonl").path])
        #expect(status == 0, "\(err)")
        let png = try pngHeader(image)
        #expect(png.isPNG && png.width == 900 && png.height == 560)
        #expect(!err.contains("adding: validation mse"), "no text plot when an image is asked for")
    }

    @Test func aProgressWorkerWritesOneLinePerEpochBeforeTheRecord() throws {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0])
        let executable = bundle.deletingLastPathComponent().appendingPathComponent("lamina")
        let spec = RunSpecification(study: "w", task: "adding", profile: "keras2", seed: 1, cell: "lstm", units: 3, epochs: 3,
                                    batchSize: 16, optimizer: "adam", learningRate: 0.01, clipNorm: 1, libraryDefaults: false,
                                    taskOptions: ["length": 4, "examples": 16])
        var seen: [EpochProgress] = []
        let (record, failure) = RunExecutor.subprocess(executable: executable, arguments: ["run-one", "--progress"])
            .execute(spec) { seen.append($0) }
        #expect(failure == nil)
        #expect(seen.map(\.epoch) == [1, 2, 3] && seen.allSatisfy { $0.epochs == 3 && $0.metric == "mse" })
        // The progress lines carry the record's own validation metrics.
        #expect(seen.map(\.validationMetric) == record.epochs.map(\.validationMetric))
        // Without --progress the worker writes the record alone, as before.
        var none = 0
        let (plain, plainFailure) = RunExecutor.subprocess(executable: executable, arguments: ["run-one"]).execute(spec) { _ in none += 1 }
        #expect(plainFailure == nil && none == 0 && plain.epochs == record.epochs)
    }
}
