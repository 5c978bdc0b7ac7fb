/// The release of this package, the single place its version is written (`lamina --version` prints it).
public enum LaminaRelease {
    /// The version, in semantic-versioning form.
    public static let version = "0.1.0"
}
