/// The Philox4x32-10 counter-based generator of Salmon et al., "Parallel
/// random numbers: as easy as 1, 2, 3" (SC 2011): a keyed bijection of a
/// 128-bit counter. Constants from the paper (and Random123).
///
/// Because each output block depends only on (key, counter), draws can be
/// computed in any order, on any number of threads, with identical results.
package enum Philox {
    @usableFromInline static let m0: UInt64 = 0xD2511F53
    @usableFromInline static let m1: UInt64 = 0xCD9E8D57
    @usableFromInline static let w0: UInt32 = 0x9E3779B9
    @usableFromInline static let w1: UInt32 = 0xBB67AE85

    /// Four 32-bit random words for `counter` under `key`.
    @inlinable
    public static func block(counter: (UInt32, UInt32, UInt32, UInt32), key: (UInt32, UInt32))
        -> (UInt32, UInt32, UInt32, UInt32) {
        var c = counter
        var k = key
        for round in 0..<10 {
            if round > 0 { k.0 &+= w0; k.1 &+= w1 }
            let p0 = m0 &* UInt64(c.0), p1 = m1 &* UInt64(c.2)
            c = (UInt32(truncatingIfNeeded: p1 >> 32) ^ c.1 ^ k.0, UInt32(truncatingIfNeeded: p1),
                 UInt32(truncatingIfNeeded: p0 >> 32) ^ c.3 ^ k.1, UInt32(truncatingIfNeeded: p0))
        }
        return c
    }
}
