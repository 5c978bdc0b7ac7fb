import Foundation
import LaminaPlot
import Testing
@testable import LaminaCompare

/// Per-epoch progress from workers, and the live learning-curve plot built from it.
@Suite struct LivePlotTests {
    func spec(_ profile: String, seed: UInt64 = 0, epochs: Int = 3, task: String = "digits") -> RunSpecification {
        RunSpecification(study: "live", task: task, profile: profile, seed: seed, cell: "lstm", units: 4, epochs: epochs,
                         batchSize: 8, optimizer: "adam", learningRate: 0.01, clipNorm: 1, libraryDefaults: false, taskOptions: [:])
    }

    func progress(_ profile: String, epoch: Int, value: Double, seed: UInt64 = 0, task: String = "digits") -> EpochProgress {
        EpochProgress(spec: spec(profile, seed: seed, task: task),
                      record: EpochRecord(epoch: epoch, trainingLoss: 1, validationMetric: value, gradientNorm: 1),
                      metric: "accuracy", higherIsBetter: true)
    }

    @Test func aProgressLineRoundTripsAndARecordLineIsNotProgress() throws {
        let event = progress("keras2", epoch: 2, value: .nan)
        let line = try event.line()
        #expect(line.last == UInt8(ascii: "\n"))
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains("\"event\":\"epoch\"") && text.contains("\"validationMetric\":\"nan\""))
        let parsed = try #require(EpochProgress.parse(line: line.dropLast()))
        #expect(parsed.profile == "keras2" && parsed.epoch == 2 && parsed.epochs == 3 && parsed.validationMetric.isNaN)
        let record = try RecordCoding.encoder().encode(syntheticRun(spec("pytorch")))
        #expect(EpochProgress.parse(line: record) == nil)
        #expect(EpochProgress.parse(line: Data("{\"event\":\"other\"}".utf8)) == nil)
    }

    /// A stand-in worker: a shell that ignores the spec on stdin and prints `output`.
    func worker(printing output: String) -> RunExecutor {
        .subprocess(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "cat >/dev/null; printf '%s' \"$0\"", output])
    }

    @Test func aWorkersProgressLinesArePassedOnAndItsLastLineIsTheRecord() throws {
        var record = syntheticRun(spec("pytorch"))
        let recordLine = String(decoding: try RecordCoding.encoder().encode(record), as: UTF8.self)
        // The runner stamps every record with the settings it ran with.
        record.settingsFingerprint = spec("pytorch").settingsFingerprint
        let lines = try [1, 2].map { String(decoding: try progress("pytorch", epoch: $0, value: 0.5 * Double($0)).line(), as: UTF8.self) }
        var seen: [EpochProgress] = []
        let (got, failure) = worker(printing: lines.joined() + recordLine + "\n").execute(spec("pytorch")) { seen.append($0) }
        #expect(failure == nil)
        #expect(got == record)
        #expect(seen.map(\.epoch) == [1, 2] && seen.map(\.validationMetric) == [0.5, 1.0])
        // A worker of the old protocol (the record alone) still works.
        var none = 0
        let (old, oldFailure) = worker(printing: recordLine + "\n").execute(spec("pytorch")) { _ in none += 1 }
        #expect(oldFailure == nil && old == record && none == 0)
    }

    @Test func theCurvesShownAreTheCurrentTasksRunsInProgressFirst() {
        var curves = LearningCurves()
        curves.add(progress("keras2", epoch: 1, value: 0.2))
        curves.add(progress("keras2", epoch: 2, value: 0.3))
        curves.add(progress("keras2", epoch: 3, value: 0.4))   // finished (3 of 3 epochs)
        curves.add(progress("pytorch", epoch: 1, value: 0.1))
        curves.add(progress("lasagne", epoch: 1, value: 0.15))
        curves.add(progress("lasagne", epoch: 1, value: 0.25))  // a repeated epoch replaces the value
        #expect(curves.shown(limit: 10).map(\.label) == ["keras2/0", "lasagne/0", "pytorch/0"])
        #expect(curves.shown(limit: 10)[1].points.map(\.value) == [0.25])
        // With room for two, the two runs in progress are kept, ordered by profile.
        #expect(curves.shown(limit: 2).map(\.label) == ["lasagne/0", "pytorch/0"])
        curves.add(progress("pytorch", epoch: 1, value: 0.3, task: "adding"))
        #expect(curves.shown(limit: 10).map(\.task) == ["adding"])
    }

    @Test(.enabled(if: Gnuplot.locate() != nil, "needs gnuplot (apt-get install gnuplot-nox)"))
    func theTerminalPlotIsTextOfTheTerminalsSizeWithEveryRunInItsKey() throws {
        let gnuplot = try #require(Gnuplot.locate())
        let box = TextBox()
        let plot = LivePlot(target: .terminal(columns: 90, rows: 20), gnuplot: gnuplot) { box.append($0) }
        plot.update(progress("keras2", epoch: 1, value: 0.2))
        plot.update(progress("pytorch", epoch: 1, value: 0.1))
        plot.update(progress("pytorch", epoch: 2, value: 0.3))
        #expect(box.parts.count == 3, "one redraw per epoch")
        let last = box.parts[2]
        let rows = last.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(rows.count == 20 && rows.allSatisfy { $0.count == 90 }, "\(rows.map(\.count))")
        #expect(last.contains("keras2/0") && last.contains("pytorch/0") && last.contains("2 of 2 runs in progress"))
    }

    @Test(.enabled(if: Gnuplot.locate() != nil, "needs gnuplot (apt-get install gnuplot-nox)"))
    func aDivergedRunDoesNotStopThePlot() throws {
        let gnuplot = try #require(Gnuplot.locate())
        let box = TextBox()
        let plot = LivePlot(target: .terminal(columns: 80, rows: 20), gnuplot: gnuplot) { box.append($0) }
        plot.update(progress("tf0", epoch: 1, value: .nan))       // nothing finite yet: no redraw
        plot.update(progress("keras2", epoch: 1, value: 0.2))
        plot.update(progress("tf0", epoch: 2, value: .nan))
        #expect(box.parts.count == 2 && box.parts.allSatisfy { !$0.contains("stopped") }, "\(box.parts)")
        #expect(box.parts.last?.contains("keras2/0") == true && box.parts.last?.contains("tf0/0") == false)
    }

    @Test(.enabled(if: Gnuplot.locate() != nil, "needs gnuplot (apt-get install gnuplot-nox)"))
    func theImagePlotIsReplacedWholeAtEachEpoch() throws {
        let gnuplot = try #require(Gnuplot.locate())
        let directory = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("live.png")
        let box = TextBox()
        let plot = LivePlot(target: .image(path: path.path), gnuplot: gnuplot) { box.append($0) }
        plot.update(progress("keras2", epoch: 1, value: 0.2))
        let first = try pngHeader(path)
        plot.update(progress("keras2", epoch: 2, value: 0.4))
        let second = try pngHeader(path)
        // LivePlot sets `pngcairo size 900,560`.
        #expect(first.isPNG && first.width == 900 && first.height == 560 && first.bytes > 1_000)
        #expect(second.isPNG && second.bytes != first.bytes, "the second epoch draws a different picture")
        #expect(box.parts.isEmpty, "no messages: \(box.parts)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["live.png"], "no partial file is left")
    }

    @Test func aFailingGnuplotStopsThePlotWithOneNote() throws {
        let box = TextBox()
        let plot = LivePlot(target: .terminal(columns: 60, rows: 15),
                            gnuplot: Gnuplot(executable: URL(fileURLWithPath: "/nonexistent/gnuplot"))) { box.append($0) }
        plot.update(progress("keras2", epoch: 1, value: 0.2))
        plot.update(progress("keras2", epoch: 2, value: 0.3))
        #expect(box.parts == ["live plot stopped: cannot start /nonexistent/gnuplot: No such file or directory\n"])
    }
}

/// Collects what a live plot writes.
final class TextBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var parts: [String] { lock.lock(); defer { lock.unlock() }; return stored }
    func append(_ text: String) { lock.lock(); stored.append(text); lock.unlock() }
}
