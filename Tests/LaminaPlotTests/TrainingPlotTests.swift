import Foundation
import Lamina
import LaminaGraph
import LaminaPlot
import LaminaTensor
import Testing

@Suite struct TrainingPlotTests {
    let logs = [EpochLog(epoch: 1, names: ["loss", "val_accuracy"], values: [0.9, 0.5]),
                EpochLog(epoch: 2, names: ["loss", "val_accuracy"], values: [0.6, 0.7]),
                EpochLog(epoch: 3, names: ["loss", "val_accuracy"], values: [0.4, .nan])]

    /// A PNG: its 8-byte signature, an IHDR of 800 × 500 pixels, and more than a header's worth of bytes.
    @Test func rendersAPNG() throws {
        guard let gnuplot = Gnuplot.locate() else { Issue.record("gnuplot is not installed (bash .ci/setup)"); return }
        let folder = NSTemporaryDirectory() + "lamina-plot-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/curves.png"
        try TrainingPlot(target: .image(path: path), gnuplot: gnuplot).draw(logs)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 800 && height == 500)
        #expect(bytes.count > 5_000)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["curves.png"])   // no partial file left
    }

    /// The text terminal: the title names the last epoch and the key both curves.
    @Test func drawsInTheTerminalAfterEachEpoch() throws {
        guard let gnuplot = Gnuplot.locate() else { Issue.record("gnuplot is not installed (bash .ci/setup)"); return }
        final class Box: @unchecked Sendable { var frames: [String] = [] }
        let box = Box()
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let trainer = try Trainer(trainStep: function(inputs: [x], outputs: [x.sum()]), parameters: [])
        trainer.extensions = [TrainingPlot(target: .terminal(columns: 70, rows: 20), gnuplot: gnuplot, title: "toy") { box.frames.append($0) }]
        try trainer.fit(epochs: 2, training: ArrayBatches([NDArray([1, 2, 3] as [Double])], batchSize: 2))
        #expect(box.frames.count == 2)
        #expect(box.frames[1].contains("toy: epoch 2") && box.frames[1].contains("loss"))
        #expect(box.frames[1].split(separator: "\n").count >= 15)
    }
}
