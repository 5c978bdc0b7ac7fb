import Foundation
import Lamina
import LaminaGraph
import LaminaTensor
import Testing

/// A run resumed from a checkpoint continues bit for bit as the uninterrupted run.
@Suite struct TrainerResumeTests {
    /// 4 epochs straight vs 2 epochs, a checkpoint, a fresh rebuild with other initial weights, a load, and 2 more.
    @Test func resumedRunIsBitIdentical() throws {
        let folder = try temporaryFolder("resume")
        let straight = try TrainerTestModel(initSeed: 5, extensions: [EpochLogFile(path: folder + "/straight.jsonl"),
                                                                      EarlyStopping(monitor: "val_loss", patience: 10, restoreBest: true)])
        try straight.trainer.fit(epochs: 4, training: TrainerTestModel.training(), validation: TrainerTestModel.validation())

        let first = try TrainerTestModel(initSeed: 5, extensions: [EpochLogFile(path: folder + "/resumed.jsonl"),
                                                                   EarlyStopping(monitor: "val_loss", patience: 10, restoreBest: true),
                                                                   CheckpointSaver(path: folder + "/run.npz")])
        try first.trainer.fit(epochs: 2, training: TrainerTestModel.training(), validation: TrainerTestModel.validation())
        let resumed = try TrainerTestModel(initSeed: 99, extensions: [EpochLogFile(path: folder + "/resumed.jsonl"),
                                                                      EarlyStopping(monitor: "val_loss", patience: 10, restoreBest: true)])
        #expect(bits(resumed.trainer.parameters) != bits(straight.trainer.parameters))
        try resumed.trainer.loadCheckpoint(from: folder + "/run.npz")
        #expect(resumed.trainer.epoch == 2)
        #expect(resumed.schedule.current == 0.05 * 0.8)   // set before epoch 2 (from 1): 0.05 · 0.8¹
        try resumed.trainer.fit(epochs: 4, training: TrainerTestModel.training(), validation: TrainerTestModel.validation())

        #expect(straight.trainer.history.count == 4)
        #expect(resumed.trainer.history == straight.trainer.history)
        #expect(bits(resumed.trainer.parameters) == bits(straight.trainer.parameters))
        #expect(bits(resumed.trainer.optimizerState) == bits(straight.trainer.optimizerState))
        let straightLog = try String(contentsOfFile: folder + "/straight.jsonl", encoding: .utf8)
        #expect(try String(contentsOfFile: folder + "/resumed.jsonl", encoding: .utf8) == straightLog)
        #expect(straightLog.split(separator: "\n").count == 4)
        // The run learned something, so the comparison is not between untouched weights.
        #expect(straight.trainer.history[3]["loss"]! < straight.trainer.history[0]["loss"]!)
    }

    /// A crash in the middle of epoch 3, after a checkpoint at its 3rd batch: resuming gives the straight run.
    @Test func resumeFromTheMiddleOfAnEpoch() throws {
        let folder = try temporaryFolder("resume-batch")
        let straight = try TrainerTestModel(initSeed: 5)
        try straight.trainer.fit(epochs: 4, training: TrainerTestModel.training(), validation: TrainerTestModel.validation())

        struct Crash: Error {}
        final class CrashAt: TrainerExtension {
            func afterBatch(_ trainer: Trainer, outputs: [Double]) throws {
                if trainer.epoch == 2 && trainer.state.batch == 4 { throw Crash() }
            }
        }
        let crashing = try TrainerTestModel(initSeed: 5, extensions: [CheckpointSaver(path: folder + "/run.npz", everyBatches: 3), CrashAt()])
        #expect(throws: Crash.self) {
            try crashing.trainer.fit(epochs: 4, training: TrainerTestModel.training(), validation: TrainerTestModel.validation())
        }
        let resumed = try TrainerTestModel(initSeed: 77)
        try resumed.trainer.loadCheckpoint(from: folder + "/run.npz")
        #expect(resumed.trainer.epoch == 2 && resumed.trainer.state.batch == 3)
        try resumed.trainer.fit(epochs: 4, training: TrainerTestModel.training(), validation: TrainerTestModel.validation())
        #expect(resumed.trainer.history == straight.trainer.history)
        #expect(bits(resumed.trainer.parameters) == bits(straight.trainer.parameters))
    }

    /// Adam's m and v for every parameter, its step counter and the dropout stream's counter are saved.
    @Test func optimizerStateNamesEverySlot() throws {
        let model = try TrainerTestModel(initSeed: 5)
        let names = model.trainer.optimizerState.map { $0.name ?? "" }
        let trainable = allParams(of: model.output, tags: [.trainable]).map { $0.name ?? "" }
        #expect(names == trainable.flatMap { ["\($0).m", "\($0).v"] } + ["adam.t", "drop.rng.counter"])
        try model.trainer.fit(epochs: 1, training: TrainerTestModel.training())
        let t = model.trainer.optimizerState.first { $0.name == "adam.t" }!
        #expect(t.value.scalarValue == 5)   // ⌈23 / 5⌉ = 5 batches, one Adam step each
    }
}
