// The per-chunk loops of the elementwise interpreter. Each case is a plain
// loop over unsafe pointers so that the compiler vectorizes it. The float32
// transcendentals and the four arithmetic operations go to CKernels, which picks AVX2 + FMA code at run time when
// the processor has it (Swift code is built for the baseline x86-64).
import CKernels

@inline(__always)
func applyUnary<C: KernelFloat>(_ f: UnaryFunction, _ x: UnsafeMutablePointer<C>, _ y: UnsafeMutablePointer<C>, _ n: Int) {
    if C.self == Float.self {
        let xf = UnsafeRawPointer(x).assumingMemoryBound(to: Float.self)
        let yf = UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self)
        switch f {
        case .exp: lamina_exp_f32(xf, yf, n); return
        case .sigmoid: lamina_sigmoid_f32(xf, yf, n); return
        case .tanh: lamina_tanh_f32(xf, yf, n); return
        default: break
        }
    }
    switch f {
    case .negate: for i in 0..<n { y[i] = -x[i] }
    case .exp: for i in 0..<n { y[i] = C.kExp(x[i]) }
    case .log: for i in 0..<n { y[i] = C.kLog(x[i]) }
    case .log1p: for i in 0..<n { y[i] = C.kLog1p(x[i]) }
    case .expm1: for i in 0..<n { y[i] = C.kExpm1(x[i]) }
    case .sqrt: for i in 0..<n { y[i] = x[i].squareRoot() }
    case .abs: for i in 0..<n { y[i] = Swift.abs(x[i]) }
    case .sign: for i in 0..<n { let v = x[i]; y[i] = v > 0 ? 1 : (v < 0 ? -1 : v) }
    case .tanh: for i in 0..<n { y[i] = C.kTanh(x[i]) }
    case .sigmoid: for i in 0..<n { y[i] = 1 / (1 + C.kExp(-x[i])) }
    case .hardSigmoid(let slope):
        let s = C(slope)
        for i in 0..<n { let v = s * x[i] + 0.5; y[i] = v < 0 ? 0 : (v > 1 ? 1 : v) }
    case .softplus:
        for i in 0..<n {
            let v = x[i]
            y[i] = (v > 0 ? v : 0) + C.kLog1p(C.kExp(-Swift.abs(v)))
        }
    case .square: for i in 0..<n { y[i] = x[i] * x[i] }
    case .reciprocal: for i in 0..<n { y[i] = 1 / x[i] }
    case .rectify: for i in 0..<n { let v = x[i]; y[i] = v < 0 ? 0 : v }
    case .logicalNot: for i in 0..<n { y[i] = x[i] == 0 ? 1 : 0 }
    case .identity: if x != y { for i in 0..<n { y[i] = x[i] } }
    case .floor: for i in 0..<n { y[i] = x[i].rounded(.down) }
    }
}

@inline(__always)
func applyBinary<C: KernelFloat>(_ f: BinaryFunction, _ a: UnsafeMutablePointer<C>, _ b: UnsafeMutablePointer<C>,
                                 _ y: UnsafeMutablePointer<C>, _ n: Int) {
    if C.self == Float.self {
        // The four arithmetic operations in CKernels, 8 floats per instruction where the CPU has AVX2 (same bits).
        let af = UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), bf = UnsafeRawPointer(b).assumingMemoryBound(to: Float.self)
        let yf = UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self)
        switch f {
        case .add: lamina_add_f32(af, bf, yf, n); return
        case .subtract: lamina_subtract_f32(af, bf, yf, n); return
        case .multiply: lamina_multiply_f32(af, bf, yf, n); return
        case .divide: lamina_divide_f32(af, bf, yf, n); return
        default: break
        }
    }
    switch f {
    case .add: for i in 0..<n { y[i] = a[i] + b[i] }
    case .subtract: for i in 0..<n { y[i] = a[i] - b[i] }
    case .multiply: for i in 0..<n { y[i] = a[i] * b[i] }
    case .divide: for i in 0..<n { y[i] = a[i] / b[i] }
    case .power: for i in 0..<n { y[i] = C.kPow(a[i], b[i]) }
    case .maximum: for i in 0..<n { let u = a[i], v = b[i]; y[i] = (u > v || u != u) ? u : v }
    case .minimum: for i in 0..<n { let u = a[i], v = b[i]; y[i] = (u < v || u != u) ? u : v }
    case .equal: for i in 0..<n { y[i] = a[i] == b[i] ? 1 : 0 }
    case .notEqual: for i in 0..<n { y[i] = a[i] != b[i] ? 1 : 0 }
    case .less: for i in 0..<n { y[i] = a[i] < b[i] ? 1 : 0 }
    case .lessEqual: for i in 0..<n { y[i] = a[i] <= b[i] ? 1 : 0 }
    case .greater: for i in 0..<n { y[i] = a[i] > b[i] ? 1 : 0 }
    case .greaterEqual: for i in 0..<n { y[i] = a[i] >= b[i] ? 1 : 0 }
    case .logicalAnd: for i in 0..<n { y[i] = (a[i] != 0 && b[i] != 0) ? 1 : 0 }
    case .logicalOr: for i in 0..<n { y[i] = (a[i] != 0 || b[i] != 0) ? 1 : 0 }
    }
}

@inline(__always)
func applyTernary<C: KernelFloat>(_ f: TernaryFunction, _ a: UnsafeMutablePointer<C>, _ b: UnsafeMutablePointer<C>,
                                  _ c: UnsafeMutablePointer<C>, _ y: UnsafeMutablePointer<C>, _ n: Int) {
    if C.self == Float.self, case .select = f {
        // A vectorized select in CKernels (the loop below runs one element at a time): the same bits.
        lamina_select_f32(UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), UnsafeRawPointer(b).assumingMemoryBound(to: Float.self),
                          UnsafeRawPointer(c).assumingMemoryBound(to: Float.self), UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self), n)
        return
    }
    switch f {
    case .select: for i in 0..<n { y[i] = a[i] != 0 ? b[i] : c[i] }
    case .clip: for i in 0..<n { let v = a[i], hi = c[i]; let m = v < b[i] ? b[i] : v; y[i] = m > hi ? hi : m }
    }
}
