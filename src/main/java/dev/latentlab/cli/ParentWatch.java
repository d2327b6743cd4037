package dev.latentlab.cli;

import dev.latentlab.task.sweep.ChildJvm;
import java.io.IOException;

/**
 * A sweep candidate's JVM ({@link ChildJvm}) ends with the JVM that started it: with
 * {@code -Dlatentlab.exit_with_parent=true} a daemon thread reads stdin, a pipe the parent never writes to, and
 * halts this JVM when it closes, which the kernel does when the parent dies (even by {@code kill -9}). Without it a
 * candidate whose Spark executor was lost would go on writing beside its retry.
 */
final class ParentWatch {
    /** The exit code of a candidate JVM whose parent went away (128 + SIGKILL, as if killed with it). */
    static final int ORPHANED = 137;

    private ParentWatch() {
    }

    /** Starts the watch when the system property asks for it. */
    static void startIfAsked() {
        if (!Boolean.getBoolean(ChildJvm.EXIT_WITH_PARENT)) {
            return;
        }
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing; read until the pipe closes
                }
            } catch (IOException closed) {
                // the same: the parent is gone
            }
            Runtime.getRuntime().halt(ORPHANED);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
