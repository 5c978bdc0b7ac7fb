import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

/// A fingerprint (16 hex digits, FNV-1a 64) of everything a profile changes
/// in a run: every initial parameter of `network` (name, shape and bytes, in
/// breadth-first order), the GRU's structural forms, and with library
/// defaults the gate activations and optimizer constants. Two profiles with
/// equal fingerprints for a seed train identical runs.
func profileFingerprint(network: ComparisonNetwork, profile: InitProfile, spec: RunSpecification) -> String {
    var hash = FNV1a()
    for parameter in network.parameters {
        hash.add(parameter.name ?? "")
        hash.add("\(parameter.value.shape)")
        parameter.value.doubles.withUnsafeBytes { hash.add($0) }
    }
    if spec.cell == "gru" { hash.add("\(profile.gru.reset) \(profile.gru.update)") }
    if spec.libraryDefaults {
        let o = profile.optimizer
        hash.add("\(profile.lstm.gateActivation) \(profile.gru.gateActivation) \(profile.rnn.activation)")
        hash.add("\(o.adamEpsilon) \(o.adamForm) \(o.rmspropRho) \(o.rmspropEpsilon) \(o.rmspropPlacement) \(o.rmspropInitialAccumulator)")
    }
    return hash.hex
}

/// The 64-bit FNV-1a hash.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }

    /// The hash as 16 lowercase hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    mutating func add(_ text: String) {
        var text = text + "\u{0}"
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }
}

/// Moves every nonzero value of every parameter by one unit in the last place,
/// up or down as drawn from `seed` and `perturbation` (a stream of its own), so
/// that a repeat differs from its ordinary run only by rounding.
func perturbInitialValues(_ parameters: [Shared], seed: UInt64, perturbation: Int) throws {
    var generator = RandomGenerator(seed: seed, stream: 0x4E4F_0000 + UInt32(perturbation))
    for parameter in parameters {
        let value = parameter.value
        let directions = generator.uniform(shape: [value.count], dtype: .float64).scalars(as: Double.self)
        switch value.dtype {
        case .float32:
            let moved = zip(value.scalars(as: Float.self), directions).map { x, u in x == 0 ? x : (u < 0.5 ? x.nextDown : x.nextUp) }
            try parameter.setValue(NDArray(moved, shape: value.shape))
        case .float64:
            let moved = zip(value.scalars(as: Double.self), directions).map { x, u in x == 0 ? x : (u < 0.5 ? x.nextDown : x.nextUp) }
            try parameter.setValue(NDArray(moved, shape: value.shape))
        default:
            continue
        }
    }
}
