package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import dev.latentlab.config.LoadedConfig;
import dev.latentlab.config.VaeGmmConfig;
import dev.latentlab.ui.TrainingUi;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code --ui}: a run with DL4J's training UI — the server started on 127.0.0.1 before the run (its URL printed),
 * fed by the VAE trainer, stopped when the run ends or, with {@code --ui-wait}, when the process is interrupted.
 * The only class of the command line that touches the UI, so without {@code --ui} none of it is loaded.
 */
final class UiSession {
    private UiSession() {
    }

    static Path run(LoadedConfig loaded, boolean resume, int port, boolean wait) throws IOException {
        String task = loaded.task();
        if (!task.equals(VaeGmmConfig.TASK)) {
            throw new BadInputException("--ui: task " + task + " trains no network (only " + VaeGmmConfig.TASK + ")");
        }
        VaeGmmConfig config = loaded.bind(VaeGmmConfig.class);
        try (TrainingUi ui = TrainingUi.start(port)) {
            System.out.println("training UI: " + ui.url());
            Path runDir = Tasks.run(loaded, resume, ui.listener("SameDiff conv VAE " + config.name(), 0,
                    config.train().learningRate()));
            if (wait) {
                System.out.println("run folder: " + runDir);
                ui.awaitInterrupt();
            }
            return runDir;
        }
    }
}
