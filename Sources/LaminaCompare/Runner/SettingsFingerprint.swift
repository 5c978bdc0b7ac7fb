/// The fingerprint of the settings that shape a run besides its study name,
/// task, profile and seed, so that an edited study with the same name does
/// not reuse old runs and a report does not pool runs of different settings.
extension RunSpecification {
    /// Bumped whenever a change to Lamina's training makes old records
    /// incomparable with new ones (it enters every settings fingerprint).
    public static let trainingVersion = "lamina-training-1"

    /// The text the fingerprint hashes: every setting, doubles by their bit
    /// patterns and task options in key order, so equal settings always give
    /// equal text, and what the environment changes (``EnvironmentSettings``:
    /// the product kernel, overridden data files). A profile the study defines is not part of it: a report groups a
    /// study's runs by these settings, and the steps of an ablation differ only in
    /// their profiles (an edited definition under the same name is not detected: rename it).
    public var settingsText: String {
        let options = taskOptions.keys.sorted().map { "\($0)=\(String(taskOptions[$0]!.bitPattern, radix: 16))" }
        let fields = ["cell=\(cell)", "units=\(units)", "epochs=\(epochs)", "batchSize=\(batchSize)", "optimizer=\(optimizer)",
                      "learningRate=\(String(learningRate.bitPattern, radix: 16))", "clipNorm=\(String(clipNorm.bitPattern, radix: 16))",
                      "libraryDefaults=\(libraryDefaults)", "taskOptions=\(options.joined(separator: ","))",
                      "version=\(Self.trainingVersion)"] + EnvironmentSettings.fields(task: task)
        return fields.joined(separator: ";")
    }

    /// 16 hex digits: FNV-1a (64-bit) of ``settingsText``.
    public var settingsFingerprint: String { fnv1a64Hex(settingsText) }
}

/// FNV-1a, 64-bit (offset basis 0xcbf29ce484222325, prime 0x100000001b3), as 16 lowercase hex digits.
func fnv1a64Hex(_ text: String) -> String {
    var hash = FNV1a()
    var text = text
    text.withUTF8 { hash.add(UnsafeRawBufferPointer($0)) }
    return hash.hex
}
