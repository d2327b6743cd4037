package dev.latentlab.store;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named instants in the write paths (a checkpoint commit, a model folder's swap) where a fault-injection test can
 * stop the process and kill it with {@code kill -9}. Off unless the JVM is started with
 * {@code -Dlatentlab.fault.pause=<name>}: then the first time that point is reached the process prints
 * {@code fault point <name> reached} on stdout and waits, until the file named by {@code -Dlatentlab.fault.release}
 * exists (or ten minutes pass). Costs one string comparison when off.
 */
public final class FaultPoint {
    /** The checkpoint's model folders are written; its state.json (the commit) is not. */
    public static final String CHECKPOINT_COMMIT = "checkpoint.commit";
    /** A new model folder is written and forced to disk; nothing renamed yet. */
    public static final String MODEL_STAGED = "model.staged";
    /** The old model folder has been renamed aside; the new one not yet into place. */
    public static final String MODEL_SWAPPING = "model.swapping";
    /** The new model folder is in place; the old one not yet deleted. */
    public static final String MODEL_SWAPPED = "model.swapped";

    private static final String PAUSE = System.getProperty("latentlab.fault.pause");
    private static final String RELEASE = System.getProperty("latentlab.fault.release");
    private static boolean paused;

    private FaultPoint() {
    }

    /** Marks the point {@code name}; pauses there when the JVM was started to. */
    public static void reached(String name) {
        if (PAUSE == null || !PAUSE.equals(name)) {
            return;
        }
        synchronized (FaultPoint.class) {
            if (paused) {
                return;
            }
            paused = true;
        }
        System.out.println("fault point " + name + " reached");
        System.out.flush();
        long end = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < end && (RELEASE == null || !Files.exists(Path.of(RELEASE)))) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
