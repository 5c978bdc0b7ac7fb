import Foundation
import Lamina
import LaminaGraph
import LaminaTensor
import Testing

/// A checkpoint that does not fit is refused with an error naming what is wrong, and changes nothing.
@Suite struct CheckpointErrorTests {
    /// A saved checkpoint of the test model after one epoch, and its folder.
    func savedCheckpoint(_ name: String) throws -> (folder: String, path: String) {
        let folder = try temporaryFolder(name)
        let model = try TrainerTestModel(initSeed: 5)
        try model.trainer.fit(epochs: 1, training: TrainerTestModel.training())
        try model.trainer.saveCheckpoint(to: folder + "/run.npz")
        return (folder, folder + "/run.npz")
    }

    /// Expects `load` to throw a message containing `fragment`, and the model to keep every value.
    func expectRefused(_ model: TrainerTestModel, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation,
                       _ load: () throws -> Void) {
        let before = bits(model.trainer.parameters + model.trainer.optimizerState)
        let (epoch, rate) = (model.trainer.epoch, model.schedule.current)
        do {
            try load()
            Issue.record("the checkpoint was loaded", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains(fragment), "\(error)", sourceLocation: sourceLocation)
            #expect(!"\(error)".contains("\n"), sourceLocation: sourceLocation)
        }
        #expect(bits(model.trainer.parameters + model.trainer.optimizerState) == before, sourceLocation: sourceLocation)
        #expect(model.trainer.epoch == epoch && model.schedule.current == rate, sourceLocation: sourceLocation)
    }

    @Test func anotherArchitectureNamesTheParameter() throws {
        let (_, path) = try savedCheckpoint("arch")
        let wider = try TrainerTestModel(initSeed: 5, units: 6)
        expectRefused(wider, "parameter out.W is float32 [4, 2] in the checkpoint but float32 [6, 2] here") {
            try wider.trainer.loadCheckpoint(from: path)
        }
    }

    @Test func anotherOptimizerNamesTheMissingSlot() throws {
        let (_, path) = try savedCheckpoint("slot")
        let other = try TrainerTestModel(initSeed: 5, optimizer: "momentum")
        let first = allParams(of: other.output, tags: [.trainable])[0].name!
        expectRefused(other, "the checkpoint has no optimizer slot \(first).velocity") {
            try other.trainer.loadCheckpoint(from: path)
        }
    }

    @Test func aRemovedSlotIsNamed() throws {
        let (folder, path) = try savedCheckpoint("removed")
        let damaged = folder + "/damaged.npz"
        try Npz.write(try Npz.read(from: path).filter { $0.name != "state.adam.t" }, to: damaged)
        let model = try TrainerTestModel(initSeed: 8)
        expectRefused(model, "the checkpoint has no optimizer slot adam.t") { try model.trainer.loadCheckpoint(from: damaged) }
    }

    /// A file cut short (a crash while writing without the atomic rename) is never loaded.
    @Test func aTruncatedFileIsRefused() throws {
        let (folder, path) = try savedCheckpoint("truncated")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for keep in [bytes.count - 1, bytes.count / 2, 10] {
            let cut = folder + "/cut-\(keep).npz"
            try bytes.prefix(keep).write(to: URL(fileURLWithPath: cut))
            let model = try TrainerTestModel(initSeed: 8)
            expectRefused(model, "parameter file \(cut)") { try model.trainer.loadCheckpoint(from: cut) }
        }
    }

    /// A second save replaces the first whole; no temporary file stays behind, and a leftover partial
    /// temporary file of a crashed save does not change what is loaded.
    @Test func savesReplaceTheCheckpointAtomically() throws {
        let (folder, path) = try savedCheckpoint("atomic")
        try Data([0x50, 0x4B, 0x03]).write(to: URL(fileURLWithPath: folder + "/.run.npz.tmp-1-2"))   // a crashed save's leftover
        let model = try TrainerTestModel(initSeed: 8)
        try model.trainer.loadCheckpoint(from: path)
        #expect(model.trainer.epoch == 1)
        try model.trainer.fit(epochs: 2, training: TrainerTestModel.training())
        try model.trainer.saveCheckpoint(to: path)
        let reloaded = try TrainerTestModel(initSeed: 9)
        try reloaded.trainer.loadCheckpoint(from: path)
        #expect(reloaded.trainer.epoch == 2)
        #expect(bits(reloaded.trainer.parameters) == bits(model.trainer.parameters))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == [".run.npz.tmp-1-2", "run.npz"])
    }
}
