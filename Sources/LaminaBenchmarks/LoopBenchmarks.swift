import Foundation
import LaminaGraph
import LaminaTensor

/// An LSTM recurrence (batch 64, 100 steps, 128 inputs, 256 units), forward
/// and backward, written with `scan` and compiled, against the same
/// arithmetic as a hand loop over LaminaTensor kernels (``HandLSTM``).
enum LoopBenchmarks {
    static func run() throws {
        print("== loop ==")
        let (T, B, D, H) = (100, 64, 128, 256)
        var rng = RandomGenerator(seed: 3)
        let xv = rng.normal(shape: [T, B, D]), Wv = rng.normal(shape: [D, 4 * H], std: 0.05)
        let Uv = rng.normal(shape: [H, 4 * H], std: 0.05), bv = rng.normal(shape: [4 * H], std: 0.1)
        let hand = HandLSTM(T: T, B: B, D: D, H: H, x: xv, W: Wv, U: Uv, b: bv)

        let x = Expr.input("x", shape: [T, B, D])
        let W = Shared(Wv, name: "W"), U = Shared(Uv, name: "U"), b = Shared(bv, name: "b")
        let zeros = Expr.constant(NDArray(zeros: [B, H]))
        let compileStart = Timing.now()
        let result = try scan(sequences: [x], initialStates: [zeros, zeros]) { xs, s, _ in
            // Written as Lasagne does: the input part x·W + b first (hoisted out of the loop).
            let gates = try xs[0].dot(W) + b + s[1].dot(U)
            func slice(_ k: Int) throws -> Expr { try gates.subtensor([.all, .range(k * H, (k + 1) * H)]) }
            let i = try slice(0).sigmoid(), f = try slice(1).sigmoid(), g = try slice(2).tanh(), o = try slice(3).sigmoid()
            let c = try f * s[0] + i * g
            return (states: [c, try o * c.tanh()], outputs: [])
        }
        let cost = try result.states[1].sum()
        let grads = try grad(cost, wrt: [W, U, b])
        let f = try function(inputs: [x], outputs: [cost] + grads)
        let first = try f(xv)
        let compileAndFirst = Timing.now() - compileStart

        let handCost = hand.step()
        let dUHand = Array(UnsafeBufferPointer(start: hand.dU, count: H * 4 * H)).map(Double.init)
        let dUScan = first[2].doubles
        let maxRel = zip(dUScan, dUHand).map { Swift.abs($0 - $1) / Swift.max(1, Swift.abs($1)) }.max() ?? 0
        print(String(format: "cost: scan %.4f, hand %.4f; max relative difference of dU %.1e", first[0].scalarValue, handCost, maxRel))

        let (tScan, tHand, ratio) = try Timing.compare({ _ = try f(xv) }, { _ = hand.step() })
        let flops = 3.0 * (2.0 * Double(T * B * D * 4 * H) + 2.0 * Double(T * B * H * 4 * H))
        print("LSTM (64, 100, 128, 256) forward+backward: scan \(Timing.format(tScan)) (\(String(format: "%.1f", flops / tScan / 1e9)) GFLOP/s), "
              + "hand loop \(Timing.format(tHand)) (\(String(format: "%.1f", flops / tHand / 1e9)) GFLOP/s), "
              + String(format: "scan/hand %.3f (median of alternating trials); compile + first call %.2f s", ratio, compileAndFirst))
        print("compiled steps: \(f.steps.joined(separator: " | "))")
        for (k, body) in f.loopBodySteps.enumerated() { print("loop \(k) body: \(body.joined(separator: " | "))") }
    }
}
