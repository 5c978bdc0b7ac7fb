import Foundation

/// A block of raw memory, 64-byte aligned, that holds the elements of one or
/// more ``NDArray`` values.
///
/// Arrays share a buffer when one is a reshaped view of another; mutating
/// methods on `NDArray` copy the buffer first unless it is uniquely referenced
/// (copy on write). The expression engine's compiled functions own their
/// buffers outright and write into them through ``pointer``.
public final class TensorBuffer: @unchecked Sendable {
    /// The start of the memory.
    public let pointer: UnsafeMutableRawPointer
    /// The number of bytes that may be used.
    public let byteCapacity: Int

    /// Allocates `byteCapacity` bytes (at least one), zero-filled.
    public init(byteCapacity: Int) {
        let bytes = max(byteCapacity, 1)
        self.byteCapacity = bytes
        pointer = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    }

    /// Allocates `byteCapacity` bytes (at least one) without initializing
    /// them, for a buffer that will be completely overwritten before it is read.
    public init(uninitializedByteCapacity byteCapacity: Int) {
        let bytes = max(byteCapacity, 1)
        self.byteCapacity = bytes
        pointer = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    }

    deinit { pointer.deallocate() }
}
