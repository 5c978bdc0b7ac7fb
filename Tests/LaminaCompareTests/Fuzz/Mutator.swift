import Foundation

/// Random mutations of a seed input, for property-based fuzzing with a fixed seed: the same
/// inputs on every run, so any failure reproduces. (libFuzzer targets over the same readers are
/// in Tests/Fuzz/; these run inside `swift test`, bounded.)
struct Mutator: RandomNumberGenerator {
    /// SplitMix64 state (Steele, Lea and Flood 2014).
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Byte strings that break parsers: boundary integers in little-endian, huge and negative
    /// numbers as text, JSON punctuation, and the ZIP and .npy signatures.
    static let interesting: [[UInt8]] = [
        [0], [0xFF], [0x7F], [0x80], [0xFF, 0xFF], [0xFF, 0xFF, 0xFF, 0xFF], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        [0, 0, 0, 0x80], [0xFF, 0xFF, 0xFF, 0x7F], [0, 0, 0, 0, 0, 0, 0, 0x80], [0x50, 0x4B, 0x05, 0x06], [0x50, 0x4B, 0x06, 0x06],
        [0x50, 0x4B, 0x01, 0x02], [0x50, 0x4B, 0x03, 0x04], [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59],
        Array("1e999".utf8), Array("-1".utf8), Array("1e20".utf8), Array("18446744073709551616".utf8), Array("0.5".utf8),
        Array("9223372036854775807".utf8), Array("\"".utf8), Array("{".utf8), Array("}".utf8), Array("[".utf8), Array("]".utf8),
        Array(",".utf8), Array(":".utf8), Array("\\u".utf8), Array("nan".utf8), Array("null".utf8), Array("\n".utf8),
        Array("(10000000000, 10000000000)".utf8), Array("'<i8'".utf8), Array("'>f4'".utf8), Array("../".utf8),
    ]

    /// One to four random edits of `input`: flip a bit, set a byte, insert or overwrite with an
    /// interesting string, delete a range, duplicate a range, or truncate.
    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &self) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &self)
            switch Int.random(in: 0..<7, using: &self) {
            case 0 where !bytes.isEmpty: bytes[at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &self)
            case 1 where !bytes.isEmpty: bytes[at] = UInt8.random(in: 0...255, using: &self)
            case 2: bytes.insert(contentsOf: Self.interesting.randomElement(using: &self)!, at: at)
            case 3:
                let value = Self.interesting.randomElement(using: &self)!
                for (offset, byte) in value.enumerated() where at + offset < bytes.count { bytes[at + offset] = byte }
            case 4 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &self)))
            case 5 where !bytes.isEmpty:
                let chunk = bytes[at..<min(bytes.count, at + Int.random(in: 1...32, using: &self))]
                bytes.insert(contentsOf: chunk, at: Int.random(in: 0...bytes.count, using: &self))
            default: bytes = Array(bytes.prefix(at))
            }
        }
        return bytes
    }
}

/// The repository's root, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// How many mutations each fuzz test tries: `LAMINA_FUZZ_ITERATIONS`, else a count that keeps each test
/// to a few seconds in a debug build.
func fuzzIterations(_ fallback: Int) -> Int {
    ProcessInfo.processInfo.environment["LAMINA_FUZZ_ITERATIONS"].flatMap(Int.init) ?? fallback
}
