/// The reductions an array supports.
public enum ReductionKind: String, Hashable, Sendable, CaseIterable {
    case sum, mean, max, min, prod

    /// The dtype of the result for an input of dtype `input`.
    public func resultType(_ input: DType) -> DType {
        switch self {
        case .sum, .prod: return input == .bool ? .int32 : input
        case .mean: return input.isFloatingPoint ? input : .float64
        case .max, .min: return input
        }
    }
}

/// Reduction kernels over contiguous arrays.
package enum Reduction {
    /// Normalizes axes (negative values count from the end), sorts them and
    /// checks them against `rank`; `nil` means every axis.
    public static func normalizedAxes(_ axes: [Int]?, rank: Int, operation: String) throws -> [Int] {
        guard let axes else { return Array(0..<rank) }
        var result: [Int] = []
        for a in axes {
            let n = a < 0 ? a + rank : a
            guard n >= 0 && n < rank else {
                throw TensorError(operation, "axis \(a) is out of range for an array of rank \(rank)")
            }
            guard !result.contains(n) else { throw TensorError(operation, "axis \(a) is repeated") }
            result.append(n)
        }
        return result.sorted()
    }

    /// The shape left after reducing `axes` (sorted, normalized).
    public static func resultShape(_ shape: [Int], axes: [Int], keepDims: Bool) -> [Int] {
        keepDims ? shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
            : shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
    }

    /// Reduces `input` (of `shape` and `dtype`) over the sorted, normalized
    /// `axes` into `output`, whose dtype is `kind.resultType(dtype)`.
    /// - Throws: ``TensorError`` for max or min over an empty axis.
    public static func run(_ kind: ReductionKind, input: UnsafeRawPointer, dtype: DType, shape: [Int],
                           axes: [Int], output: UnsafeMutableRawPointer) throws {
        let outType = kind.resultType(dtype)
        if (kind == .max || kind == .min) && axes.contains(where: { shape[$0] == 0 }) {
            throw TensorError(kind.rawValue, "cannot take the \(kind.rawValue) over an empty axis of shape \(formatShape(shape))")
        }
        // Long float32 sums accumulate in Double: eight float partial sums lose
        // about 1e-4 relative over 10⁵ terms, which a loss or a gradient should not.
        let reducedCount = axes.reduce(1) { $0 * shape[$1] }
        let wideSum = (kind == .sum || kind == .mean) && reducedCount > 65536
        if dtype == .float32 && !wideSum {
            try runTyped(Float.self, kind, input, dtype, shape, axes, output, outType)
        } else {
            try runTyped(Double.self, kind, input, dtype, shape, axes, output, outType)
        }
    }

    static func runTyped<C: KernelFloat>(_: C.Type, _ kind: ReductionKind, _ input: UnsafeRawPointer, _ dtype: DType,
                                         _ shape: [Int], _ axes: [Int], _ output: UnsafeMutableRawPointer,
                                         _ outType: DType) throws {
        let total = shape.reduce(1, *)
        // Group axes into maximal contiguous runs and reduce the runs from the last one back.
        var runs: [(Int, Int)] = []
        for a in axes {
            if let last = runs.last, last.1 == a - 1 { runs[runs.count - 1].1 = a } else { runs.append((a, a)) }
        }
        // Work in the compute type. An input already in it is read in place (it is
        // never written: the first reduction writes a new block); otherwise it is converted once.
        var owned: UnsafeMutablePointer<C>? = nil
        defer { owned?.deallocate() }
        var current: UnsafePointer<C>
        if dtype == C.dtype && !runs.isEmpty {
            current = input.assumingMemoryBound(to: C.self)
        } else {
            let converted = UnsafeMutablePointer<C>.allocate(capacity: max(total, 1))
            ElementwiseKernel.convert(input, dtype, 0, total, into: converted)
            owned = converted
            current = UnsafePointer(converted)
        }
        var currentShape = shape
        let reducedCount = axes.reduce(1) { $0 * shape[$1] }
        for (first, last) in runs.reversed() {
            let outer = currentShape[..<first].reduce(1, *)
            let n = currentShape[first...last].reduce(1, *)
            let inner = currentShape[(last + 1)...].reduce(1, *)
            let next = UnsafeMutablePointer<C>.allocate(capacity: max(outer * inner, 1))
            reduceAxis(kind, current, outer, n, inner, next)
            owned?.deallocate()
            owned = next
            current = UnsafePointer(next)
            currentShape.replaceSubrange(first...last, with: [1])
        }
        let count = currentShape.reduce(1, *)
        let result = owned! // at least one run, or the converted copy
        if kind == .mean {
            let scale = C(1) / C(reducedCount)
            for i in 0..<count { result[i] *= scale }
        }
        ElementwiseKernel.store(result, count, output, outType, 0)
    }

    /// Reduces the middle axis of a contiguous (outer, n, inner) block.
    static func reduceAxis<C: KernelFloat>(_ kind: ReductionKind, _ x: UnsafePointer<C>, _ outer: Int, _ n: Int,
                                           _ inner: Int, _ y: UnsafeMutablePointer<C>) {
        let identity: C
        switch kind {
        case .sum, .mean: identity = 0
        case .prod: identity = 1
        case .max: identity = -C.infinity
        case .min: identity = C.infinity
        }
        for o in 0..<outer {
            let src = x + o * n * inner
            let dst = y + o * inner
            if inner == 1 {
                dst[0] = reduceContiguous(kind, src, n, identity)
                continue
            }
            dst.update(repeating: identity, count: inner)
            for j in 0..<n {
                let row = src + j * inner
                switch kind {
                case .sum, .mean: for i in 0..<inner { dst[i] += row[i] }
                case .prod: for i in 0..<inner { dst[i] *= row[i] }
                case .max: for i in 0..<inner { let v = row[i]; dst[i] = (v > dst[i] || v != v) ? v : dst[i] }
                case .min: for i in 0..<inner { let v = row[i]; dst[i] = (v < dst[i] || v != v) ? v : dst[i] }
                }
            }
        }
    }

    /// Reduces `n` contiguous values with eight partial accumulators (vectorizes, and
    /// sums more accurately than one running total).
    @inline(__always)
    static func reduceContiguous<C: KernelFloat>(_ kind: ReductionKind, _ p: UnsafePointer<C>, _ n: Int,
                                                 _ identity: C) -> C {
        var acc = (identity, identity, identity, identity, identity, identity, identity, identity)
        var i = 0
        @inline(__always) func combine(_ a: C, _ v: C) -> C {
            switch kind {
            case .sum, .mean: return a + v
            case .prod: return a * v
            case .max: return (v > a || v != v) ? v : a
            case .min: return (v < a || v != v) ? v : a
            }
        }
        while i + 8 <= n {
            acc.0 = combine(acc.0, p[i]); acc.1 = combine(acc.1, p[i + 1])
            acc.2 = combine(acc.2, p[i + 2]); acc.3 = combine(acc.3, p[i + 3])
            acc.4 = combine(acc.4, p[i + 4]); acc.5 = combine(acc.5, p[i + 5])
            acc.6 = combine(acc.6, p[i + 6]); acc.7 = combine(acc.7, p[i + 7])
            i += 8
        }
        var r = combine(combine(combine(acc.0, acc.1), combine(acc.2, acc.3)),
                        combine(combine(acc.4, acc.5), combine(acc.6, acc.7)))
        while i < n { r = combine(r, p[i]); i += 1 }
        return r
    }

    /// Index of the largest element along `axis` of a contiguous array (first
    /// occurrence; a NaN counts as the largest), written as int32.
    public static func argmax(input: UnsafeRawPointer, dtype: DType, shape: [Int], axis: Int,
                              output: UnsafeMutablePointer<Int32>) throws {
        guard shape[axis] > 0 else { throw TensorError("argmax", "cannot take the argmax over an empty axis of shape \(formatShape(shape))") }
        let outer = shape[..<axis].reduce(1, *), n = shape[axis], inner = shape[(axis + 1)...].reduce(1, *)
        for o in 0..<outer {
            for i in 0..<inner {
                var best = -Double.infinity, bestIndex = 0
                var first = true
                for j in 0..<n {
                    let flat = (o * n + j) * inner + i
                    let v: Double
                    switch dtype {
                    case .float32: v = Double(input.load(fromByteOffset: flat * 4, as: Float.self))
                    case .float64: v = input.load(fromByteOffset: flat * 8, as: Double.self)
                    case .int32: v = Double(input.load(fromByteOffset: flat * 4, as: Int32.self))
                    case .bool: v = input.load(fromByteOffset: flat, as: UInt8.self) != 0 ? 1 : 0
                    }
                    if first || v > best || (v.isNaN && !best.isNaN) { best = v; bestIndex = j; first = false }
                }
                output[o * inner + i] = Int32(bestIndex)
            }
        }
    }
}

extension NDArray {
    /// The reduction of the array over `axes` (all axes when `nil`).
    /// - Parameter keepDims: keep reduced axes with size 1, so the result broadcasts against `self`.
    /// - Throws: ``TensorError`` for a bad axis or a max/min over an empty axis.
    public func reduced(_ kind: ReductionKind, axes: [Int]? = nil, keepDims: Bool = false) throws -> NDArray {
        let normalized = try Reduction.normalizedAxes(axes, rank: rank, operation: kind.rawValue)
        let result = NDArray(zeros: Reduction.resultShape(shape, axes: normalized, keepDims: keepDims),
                             dtype: kind.resultType(dtype))
        try Reduction.run(kind, input: buffer.pointer, dtype: dtype, shape: shape, axes: normalized,
                          output: result.buffer.pointer)
        return result
    }

    /// Sum over `axes` (all when `nil`).
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) throws -> NDArray { try reduced(.sum, axes: axes, keepDims: keepDims) }
    /// Mean over `axes` (all when `nil`).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) throws -> NDArray { try reduced(.mean, axes: axes, keepDims: keepDims) }
    /// Maximum over `axes` (all when `nil`).
    public func max(axes: [Int]? = nil, keepDims: Bool = false) throws -> NDArray { try reduced(.max, axes: axes, keepDims: keepDims) }
    /// Minimum over `axes` (all when `nil`).
    public func min(axes: [Int]? = nil, keepDims: Bool = false) throws -> NDArray { try reduced(.min, axes: axes, keepDims: keepDims) }
    /// Product over `axes` (all when `nil`).
    public func prod(axes: [Int]? = nil, keepDims: Bool = false) throws -> NDArray { try reduced(.prod, axes: axes, keepDims: keepDims) }

    /// Indices (int32) of the largest elements along `axis`, or of the flattened array when `axis` is `nil`.
    public func argmax(axis: Int? = nil, keepDims: Bool = false) throws -> NDArray {
        guard let axis else {
            let flat = try reshaped([count])
            let index = try flat.argmax(axis: 0, keepDims: false)
            return keepDims ? try index.reshaped([Int](repeating: 1, count: rank)) : index
        }
        let a = try Reduction.normalizedAxes([axis], rank: rank, operation: "argmax")[0]
        let result = NDArray(zeros: Reduction.resultShape(shape, axes: [a], keepDims: keepDims), dtype: .int32)
        try Reduction.argmax(input: buffer.pointer, dtype: dtype, shape: shape, axis: a,
                             output: result.buffer.pointer.assumingMemoryBound(to: Int32.self))
        return result
    }
}
