package dev.latentlab.cli;

import dev.latentlab.store.Provenance;
import picocli.CommandLine;

/** {@code --version}: latentlab's version and commit, and the DL4J/ND4J, backend and Java it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        Provenance p = Provenance.of(null);
        return new String[] {
            "latentlab " + p.latentlabVersion() + " (commit " + p.gitCommit() + ")",
            "DL4J " + p.dl4jVersion() + ", ND4J " + p.nd4jVersion() + " (" + p.backend() + " backend), Java "
                    + p.javaVersion()
        };
    }
}
