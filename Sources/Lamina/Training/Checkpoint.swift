import Foundation
import LaminaGraph
import LaminaTensor

/// Checkpoints: a NumPy `.npz` file with a ``Trainer``'s parameters, optimizer state, own state and
/// extensions' state, written atomically (a temporary file renamed over the old one, so the previous
/// checkpoint stays whole until the new one is complete).
///
/// Keys (readable with `numpy.load`): `param.<name>` for each parameter, `state.<name>` for each optimizer
/// variable, `ext.<extension>.number.<key>` (float64 scalars) and `ext.<extension>.array.<key>`, and
/// `trainer.json` (the ``TrainerState`` as JSON, one UTF-8 byte per int32 element). Names are kept as they
/// are except `%`, `/` and `\` (written `%25`, `%2F`, `%5C`).
extension Trainer {
    /// Writes a checkpoint of the run to `path`, atomically.
    /// - Throws: ``LaminaError/parameterFile(path:detail:)`` when the file cannot be written.
    public func saveCheckpoint(to path: String) throws {
        var arrays: [(name: String, array: NDArray)] = []
        arrays += parameters.map { ("param." + checkpointKey($0.name ?? ""), $0.value) }
        arrays += optimizerState.map { ("state." + checkpointKey($0.name ?? ""), $0.value) }
        for e in extensions {
            guard let name = e.checkpointName else { continue }
            let saved = e.checkpointState()
            let prefix = "ext." + checkpointKey(name)
            arrays += saved.numbers.sorted { $0.key < $1.key }.map { ("\(prefix).number.\(checkpointKey($0.key))", NDArray(scalar: $0.value)) }
            arrays += saved.arrays.sorted { $0.key < $1.key }.map { ("\(prefix).array.\(checkpointKey($0.key))", $0.value) }
        }
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let json = try encoder.encode(state)
        arrays.append(("trainer.json", NDArray(json.map { Int32($0) })))
        try Npz.write(arrays, to: path)
    }

    /// Restores the run saved in the checkpoint at `path`: parameters, optimizer state, the trainer's
    /// state and its extensions' state. Everything is checked before anything is assigned, so a file that
    /// does not fit leaves the network, the optimizer and the trainer unchanged.
    /// - Throws: ``LaminaError/parameterFile(path:detail:)`` for a missing, truncated or damaged file, one
    ///   from another architecture (naming the missing, unexpected or mismatched parameter), one without
    ///   an optimizer slot (naming it), or an extension state that does not fit.
    public func loadCheckpoint(from path: String) throws {
        let arrays = try Npz.read(from: path)
        let byKey = Dictionary(arrays.map { ($0.name, $0.array) }, uniquingKeysWith: { a, _ in a })
        func fail(_ detail: String) -> LaminaError { LaminaError.parameterFile(path: path, detail: detail) }

        var assignments: [(Shared, NDArray)] = []
        for (prefix, variables, kind) in [("param.", parameters, "parameter"), ("state.", optimizerState, "optimizer slot")] {
            for variable in variables {
                let name = variable.name ?? ""
                guard let value = byKey[prefix + checkpointKey(name)] else {
                    throw fail("the checkpoint has no \(kind) \(name) (is it from another network or optimizer?)")
                }
                guard value.dtype == variable.dtype, value.shape == variable.value.shape else {
                    throw fail("\(kind) \(name) is \(value.dtype) \(value.shape) in the checkpoint but \(variable.dtype) \(variable.value.shape) here (is it from another architecture?)")
                }
                assignments.append((variable, value))
            }
            let known = Set(variables.map { prefix + checkpointKey($0.name ?? "") })
            if let extra = arrays.map(\.name).first(where: { $0.hasPrefix(prefix) && !known.contains($0) }) {
                throw fail("its \(kind) \(decodedKey(String(extra.dropFirst(prefix.count)))) matches nothing in this trainer (is it from another architecture?)")
            }
        }
        guard let json = byKey["trainer.json"], json.dtype == .int32, json.rank == 1 else {
            throw fail("it has no trainer.json (int32 bytes); it is not a checkpoint of a Trainer")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let restored: TrainerState
        do {
            restored = try decoder.decode(TrainerState.self, from: Data(json.scalars(as: Int32.self).map { UInt8(truncatingIfNeeded: $0) }))
        } catch {
            throw fail("its trainer.json cannot be read: \(error)")
        }
        guard restored.sums.count == outputNames.count || restored.sums.isEmpty else {
            throw fail("it holds sums of \(restored.sums.count) training output(s) but the training step has \(outputNames.count)")
        }
        var installs: [() -> Void] = []
        for e in extensions {
            guard let name = e.checkpointName else { continue }
            let prefix = "ext." + checkpointKey(name) + "."
            var saved = ExtensionState()
            for (key, value) in arrays where key.hasPrefix(prefix) {
                let rest = key.dropFirst(prefix.count)
                if rest.hasPrefix("number."), value.count == 1 {
                    saved.numbers[decodedKey(String(rest.dropFirst(7)))] = value.scalarValue
                } else if rest.hasPrefix("array.") {
                    saved.arrays[decodedKey(String(rest.dropFirst(6)))] = value
                }
            }
            do {
                installs.append(try e.prepareRestore(saved))
            } catch {
                throw fail("extension \(name): \(error)")
            }
        }
        for (variable, value) in assignments { try variable.setValue(value) }
        state = restored
        for install in installs { install() }
    }
}

/// `name` with `%`, `/` and `\` escaped, as an `.npz` key.
func checkpointKey(_ name: String) -> String {
    name.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F").replacingOccurrences(of: "\\", with: "%5C")
}

/// The name a ``checkpointKey(_:)`` was made from.
func decodedKey(_ key: String) -> String {
    key.replacingOccurrences(of: "%2F", with: "/").replacingOccurrences(of: "%5C", with: "\\").replacingOccurrences(of: "%25", with: "%")
}
