package dev.latentlab.report;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command that runs a run folder's experiment again: {@code java -jar <jar> [sweep] --config
 * <folder>/config.yaml} (config.yaml is the fully resolved config, runnable as it is). The jar is the one running,
 * and paths are relative to the working folder when they lie under it.
 */
final class RerunCommand {
    private static final Pattern TASK = Pattern.compile("(?m)^task:\\s*(\\S+)");

    private RerunCommand() {
    }

    /** The command for {@code dir}, or empty when the folder has no config.yaml. */
    static Optional<String> of(Path dir) throws IOException {
        Path config = dir.resolve(RunDirectory.CONFIG_FILE);
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        Matcher task = TASK.matcher(Files.readString(config));
        String sub = task.find() && task.group(1).equals("sweep") ? " sweep" : "";
        return Optional.of("java -jar " + quote(shown(jar())) + sub + " --config " + quote(shown(config)));
    }

    /** The jar this code runs from, else {@code trainer.jar} (e.g. in the tests, from target/classes). */
    private static Path jar() {
        try {
            CodeSource source = RerunCommand.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path p = Path.of(source.getLocation().toURI());
                if (p.getFileName() != null && p.getFileName().toString().endsWith(".jar")) {
                    return p;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through: the plain name says as much
        }
        return Path.of("trainer.jar");
    }

    private static String shown(Path p) {
        Path here = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return (abs.startsWith(here) ? here.relativize(abs) : abs).toString();
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./+:@%=-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
