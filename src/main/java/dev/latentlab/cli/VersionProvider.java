package dev.latentlab.cli;

import picocli.CommandLine;

/** {@code --version}: the jar's implementation version and the ND4J/Java it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "latentlab " + (version == null ? "(development build)" : version),
            "DL4J/ND4J 1.0.0-M2.1, Java " + System.getProperty("java.version")
        };
    }
}
