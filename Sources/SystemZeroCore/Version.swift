/// The version of System//Zero that the CLI, the server and the build-info metric report.
public enum SystemZeroVersion {
    public static let string = "1.0.0"
}
