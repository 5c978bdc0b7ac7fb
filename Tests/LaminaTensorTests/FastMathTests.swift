import Foundation
import Testing
@testable import LaminaTensor

/// Float's polynomial kExp/kLog/kLog1p/kTanh against Foundation's Double functions, over dense sweeps and edge values.
@Suite struct FastMathTests {
    /// The largest relative error of `f` against `reference` over `inputs`, skipping
    /// inputs whose exact result is zero, non-finite, or outside the normal float range.
    static func maxRelativeError(_ inputs: [Float], _ f: (Float) -> Float, _ reference: (Double) -> Double)
        -> (error: Double, at: Float) {
        var worst = 0.0, at: Float = 0
        for x in inputs {
            let exact = reference(Double(x))
            let magnitude = abs(exact)
            guard exact.isFinite, magnitude >= Double(Float.leastNormalMagnitude),
                  magnitude <= Double(Float.greatestFiniteMagnitude) else { continue }
            let error = abs(Double(f(x)) - exact) / magnitude
            if !(error <= worst) { worst = error; at = x } // NaN counts as the worst
        }
        return (worst, at)
    }

    /// `count + 1` evenly spaced floats from `low` to `high`.
    static func linear(_ low: Double, _ high: Double, _ count: Int) -> [Float] {
        (0...count).map { Float(low + (high - low) * Double($0) / Double(count)) }
    }

    /// Positive floats spread over every binade, subnormals included (every 4099th bit pattern).
    static let allBinades: [Float] = stride(from: UInt32(1), to: 0x7F80_0000, by: 4099).map { Float(bitPattern: $0) }

    @Test func expIsAccurateOverItsNormalRange() {
        let sweep = Self.linear(-87.3, 88.72, 200_000) + Self.linear(-1, 1, 20_000)
        let (error, at) = Self.maxRelativeError(sweep, Float.kExp, Foundation.exp)
        #expect(error < 2e-7, "max relative error \(error) at x = \(at)")
    }

    @Test func expUnderflowsGraduallyThroughSubnormals() {
        // e^x for x in [-103.97, -87.34] is a subnormal float, and below that rounds to 0:
        // allow one subnormal step of absolute error.
        var worst = 0.0
        for x in Self.linear(-110, -87.34, 20_000) {
            worst = Swift.max(worst, abs(Double(Float.kExp(x)) - Foundation.exp(Double(x))))
        }
        #expect(worst <= Double(Float.leastNonzeroMagnitude), "max absolute error \(worst)")
        #expect(Float.kExp(-90) > 0)
        #expect(Float.kExp(-87) > Float.leastNormalMagnitude) // e^-87 ≈ 1.65e-38 is a normal float
    }

    @Test func logIsAccurateEverywhere() {
        let sweep = Self.allBinades + Self.linear(0.5, 2, 100_000)
        let (error, at) = Self.maxRelativeError(sweep, Float.kLog, Foundation.log)
        #expect(error < 3e-7, "max relative error \(error) at x = \(at)")
    }

    @Test func log1pIsAccurateEverywhere() {
        let negatives = Self.allBinades.filter { $0 < 1 }.map { -$0 }
        let sweep = Self.allBinades + negatives + Self.linear(-0.999, 3, 100_000)
        let (error, at) = Self.maxRelativeError(sweep, Float.kLog1p, Foundation.log1p)
        #expect(error < 3e-7, "max relative error \(error) at x = \(at)")
    }

    @Test func tanhIsAccurateEverywhere() {
        let small = Self.allBinades.filter { $0 < 20 }
        let sweep = small + small.map { -$0 } + Self.linear(-12, 12, 200_000)
        let (error, at) = Self.maxRelativeError(sweep, Float.kTanh, Foundation.tanh)
        #expect(error < 2e-7, "max relative error \(error) at x = \(at)")
    }

    static let subnormal = Float.leastNormalMagnitude / 4
    static let tiny: Float = 1e-30

    // Exact special values (IEEE / C99 Annex F conventions, as Foundation's Double functions give them).
    @Test(arguments: [
        (Float(0), Float(1)), (-0.0, 1), (tiny, 1), (-tiny, 1), (subnormal, 1),
        (.infinity, .infinity), (-.infinity, 0), (89, .infinity), (.greatestFiniteMagnitude, .infinity),
        (-103.98, 0), (-104, 0), (-1000, 0), (-.greatestFiniteMagnitude, 0),
    ] as [(Float, Float)])
    func expEdges(_ x: Float, _ expected: Float) {
        #expect(Float.kExp(x) == expected)
    }

    @Test(arguments: [
        (Float(1), Float(0)), (0, -.infinity), (-0.0, -.infinity), (.infinity, .infinity),
    ] as [(Float, Float)])
    func logEdges(_ x: Float, _ expected: Float) {
        #expect(Float.kLog(x) == expected)
    }

    @Test func logOfExtremeFinitesAndInvalidInputs() {
        // log(2^-149) = -149 ln 2 and log(FLT_MAX) = ln(2^128 (1 - 2^-24)), from the Double functions.
        #expect(abs(Double(Float.kLog(.leastNonzeroMagnitude)) - (-149 * M_LN2)) < 1e-5)
        #expect(abs(Double(Float.kLog(.greatestFiniteMagnitude)) - Foundation.log(Double(Float.greatestFiniteMagnitude))) < 1e-5)
        for x: Float in [-1, -.leastNonzeroMagnitude, -.infinity, .nan] { #expect(Float.kLog(x).isNaN, "log(\(x))") }
    }

    @Test(arguments: [
        (Float(0), Float(0)), (-1, -.infinity), (.infinity, .infinity), (tiny, tiny), (-tiny, -tiny),
        (subnormal, subnormal), (-subnormal, -subnormal),
    ] as [(Float, Float)])
    func log1pEdges(_ x: Float, _ expected: Float) {
        #expect(Float.kLog1p(x) == expected)
    }

    @Test func log1pOfInvalidInputsIsNaN() {
        for x: Float in [-1.5, -2, -.infinity, .nan] { #expect(Float.kLog1p(x).isNaN, "log1p(\(x))") }
        #expect(Float.kLog1p(-0.0).sign == .minus) // log1p(-0) = -0
    }

    @Test(arguments: [
        (Float(0), Float(0)), (.infinity, 1), (-.infinity, -1), (20, 1), (-20, -1), (1e30, 1),
        (tiny, tiny), (-tiny, -tiny), (subnormal, subnormal), (-subnormal, -subnormal),
    ] as [(Float, Float)])
    func tanhEdges(_ x: Float, _ expected: Float) {
        #expect(Float.kTanh(x) == expected)
    }

    @Test func nanPropagates() {
        #expect(Float.kExp(.nan).isNaN)
        #expect(Float.kTanh(.nan).isNaN)
        #expect(Float.kLog(.nan).isNaN)
        #expect(Float.kLog1p(.nan).isNaN)
    }
}
