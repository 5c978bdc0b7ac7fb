/// Scaling by a power of two, so that sums of squares neither overflow nor underflow.
///
/// Dividing by 2ᵏ only changes a value's exponent, so every sum, difference, square and square root taken
/// on the scaled values rounds exactly as it would on the originals, and multiplying back by 2ᵏ restores
/// them bit for bit (as long as nothing overflows or underflows, which the scaling is there to prevent).
/// A statistic computed this way gives on values of magnitude 1e300 or 1e-300 what it gives on the same
/// values near 1 (the same verdict, and p-values equal to rounding), and on ordinary values exactly
/// what the unscaled formula gives.
enum PowerOfTwoScale {
    /// 2ᵏ with k = ⌊log₂ max|x|⌋ over the finite values (1 when there are none, or all are zero), so the
    /// largest scaled magnitude lies in [1, 2).
    static func of<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        var largest = 0.0
        for x in values where x.isFinite { largest = Swift.max(largest, abs(x)) }
        guard largest > 0 else { return 1 }
        return Double(sign: .plus, exponent: largest.exponent, significand: 1)
    }
}
