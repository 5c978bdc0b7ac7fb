import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Recurrent: dropout inside LSTM and GRU")
struct RecurrentDropoutTests {
    static let (batch, steps, units) = (40, 5, 50)
    static let p = 0.3

    /// An LSTM whose input gate shows the masks: with W_xi = I (input dropout) or W_hi = I
    /// (recurrent dropout), every other weight 0, no peepholes and all-ones inputs, i_t = σ(z)
    /// with z = 0 exactly where the mask dropped a unit (σ(0) = 0.5) and z ≠ 0 where it kept it.
    func gate(_ dropout: RecurrentDropout, recurrent: Bool, deterministic: Bool = false) throws -> NDArray {
        try LayerDefaults.using(floatX: .float64, seed: 9) {
            let (b, t, n) = (Self.batch, Self.steps, Self.units)
            let input = try InputLayer(shape: [nil, t, n], dtype: .float64)
            let eye = NDArray((0..<(n * n)).map { $0 / n == $0 % n ? 1.0 : 0.0 }, shape: [n, n])
            let zero = Constant(0)
            let ingate = Gate(W_in: recurrent ? zero : eye, W_hid: recurrent ? eye : zero, W_cell: nil, b: zero)
            let other = Gate(W_in: zero, W_hid: zero, W_cell: nil, b: Constant(1))
            let lstm = try LSTMLayer(incoming: input, units: n, ingate: ingate, forgetgate: other, cell: .candidate(W_in: zero, W_hid: zero, b: Constant(1)),
                                     outgate: other, hidInit: .value(Constant(1)), peepholes: false, dropout: dropout, name: "lstm")
            let tap = try RecurrentTapLayer(of: lstm, role: .inputGate)
            return try output(of: tap, deterministic: deterministic).eval([input.inputVar: NDArray(Array(repeating: 1.0, count: b * t * n), shape: [b, t, n])])
        }
    }

    /// Per step: which units were dropped (i_t = 0.5 exactly), as (batch, units) rows of booleans.
    func dropped(_ gate: NDArray) -> [[Bool]] {
        let values = gate.doubles, n = Self.units
        return (0..<Self.steps).map { t in
            (0..<Self.batch).flatMap { b in (0..<n).map { values[(b * Self.steps + t) * n + $0] == 0.5 } }
        }
    }

    @Test(arguments: [false, true])
    func masksDropAFractionPAndRescaleTheRest(recurrent: Bool) throws {
        let dropout = RecurrentDropout(input: recurrent ? 0 : Self.p, recurrent: recurrent ? Self.p : 0, seed: 42)
        let gate = try gate(dropout, recurrent: recurrent)
        let rows = dropped(gate)
        let fraction = Double(rows.joined().filter { $0 }.count) / Double(rows.joined().count)
        // 10 000 Bernoulli(0.3) draws: standard deviation sqrt(0.3·0.7/10⁴) = 0.0046; 4 of them.
        #expect(Swift.abs(fraction - Self.p) < 0.018, "dropped fraction \(fraction)")
        if !recurrent {
            // Kept inputs are 1/(1 − p): i = σ(1/0.7) = 1/(1 + exp(−1.4285714…)) = 0.806652…
            let kept = gate.doubles.filter { $0 != 0.5 }
            expectClose(Array(Set(kept)), [1 / (1 + Foundation.exp(-1 / 0.7))], absolute: 1e-15, relative: 0)
        }
        // Fresh masks per step: a unit's fate at t = 1 differs from t = 0 with probability 2p(1 − p) = 0.42.
        let changed = Double(zip(rows[1], rows[2]).filter { $0 != $1 }.count) / Double(rows[1].count)
        #expect(Swift.abs(changed - 0.42) < 0.03, "changed between steps: \(changed)")
    }

    @Test(arguments: [false, true])
    func perSequenceMasksAreConstantAlongTime(recurrent: Bool) throws {
        let dropout = RecurrentDropout(input: Self.p, recurrent: Self.p, perSequence: true, seed: 42)
        let rows = dropped(try gate(dropout, recurrent: recurrent))
        for t in 1..<Self.steps { #expect(rows[t] == rows[0], "step \(t) uses another mask") }
        let fraction = Double(rows[0].filter { $0 }.count) / Double(rows[0].count)
        // 2 000 draws: standard deviation 0.0102; 4 of them.
        #expect(Swift.abs(fraction - Self.p) < 0.041, "dropped fraction \(fraction)")
    }

    @Test func deterministicTurnsDropoutOff() throws {
        for perSequence in [false, true] {
            let gate = try gate(RecurrentDropout(input: Self.p, recurrent: Self.p, perSequence: perSequence, seed: 1), recurrent: false, deterministic: true)
            // No mask: i = σ(1) = 0.7310585786300049 everywhere.
            expectClose(Array(Set(gate.doubles)), [1 / (1 + Foundation.exp(-1.0))], absolute: 1e-15, relative: 0)
        }
    }

    @Test func gruRecurrentMasksPerSequenceAreConstantAlongTime() throws {
        try LayerDefaults.using(floatX: .float64, seed: 9) {
            let (b, t, n) = (8, 4, 30)
            let input = try InputLayer(shape: [nil, t, 2], dtype: .float64)
            let eye = NDArray((0..<(n * n)).map { $0 / n == $0 % n ? 1.0 : 0.0 }, shape: [n, n])
            let gru = try GRULayer(incoming: input, units: n, resetgate: Gate(W_in: Constant(0), W_hid: eye, W_cell: nil, b: Constant(0)),
                                   hidInit: .value(Constant(1)), dropout: RecurrentDropout(recurrent: 0.5, perSequence: true, seed: 3))
            let reset = try output(of: RecurrentTapLayer(of: gru, role: .resetGate)).eval([input.inputVar: RecurrentData.normal([b, t, 2], seed: 2)])
            let v = reset.doubles
            for s in 0..<b {
                let first = (0..<n).map { v[(s * t) * n + $0] == 0.5 }
                #expect(first.contains(true) && first.contains(false))
                for k in 1..<t { #expect((0..<n).map { v[(s * t + k) * n + $0] == 0.5 } == first, "sequence \(s), step \(k)") }
            }
        }
    }

    @Test func aProbabilityOutsideTheRangeIsRefused() {
        let text = message {
            let input = try InputLayer(shape: [nil, 3, 2])
            _ = try GRULayer(incoming: input, units: 2, dropout: RecurrentDropout(recurrent: 1), name: "gru")
        }
        #expect(text.contains("gru") && text.contains("recurrent dropout probability must be in [0, 1), got 1.0"), "\(text)")
    }
}
