package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.data.MnistFixtures;
import dev.latentlab.latent.LatentClassifierFiles;
import dev.latentlab.store.FaultPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection on a tiny VAE training (the shipped fixture digits, a 4/8-channel network, 3 epochs): child JVMs
 * killed with SIGKILL ({@code kill -9}) at instants of a checkpoint commit, of training steps (a random instant) and
 * of the final model save (before, during and after the directory renames), each followed by {@code --resume}.
 * After every kill the model folder is absent, the complete old model or the complete new one; the finished run's
 * metrics equal an uninterrupted run's. Also: {@code --resume} refuses changed seed/data keys, and a second run of
 * the same name is refused at once while the first finishes unharmed.
 */
class FaultInjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private List<String> args(String name, int epochs, String... extra) {
        List<String> a = new ArrayList<>(List.of("--config", "configs/vae_148_quick.yaml", "--set", "name=" + name,
                "--set", "data.dir=" + MnistFixtures.dir(), "--set", "data.fetch=false", "--set", "data.train_limit=null",
                "--set", "model.channels=[4, 8]", "--set", "model.strides=[2, 2]", "--set", "model.dense=16",
                "--set", "model.latent_dim=2", "--set", "gmm.embedding=none",
                "--set", "train.epochs=" + epochs, "--set", "train.batch_size=32", "--set", "gmm.components=[3, 4]",
                "--set", "gmm.n_init=1", "--set", "report.grid_images=4", "--set", "report.samples_per_component=2",
                "--set", "output.runs_dir=" + tmp.resolve("runs"), "--set", "output.models_dir=" + tmp.resolve("models")));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void killedAtAnyInstantTheModelFolderIsOldOrNewAndResumeReproducesAnUninterruptedRun() throws Exception {
        CliRun reference = CliRun.of(args("reference", 3));
        assertThat(reference.exitCode()).as(reference.err()).isZero();

        Path model = tmp.resolve("models/victim");
        CliRun first = CliRun.of(args("victim", 1));                       // the "old" model: one epoch
        assertThat(first.exitCode()).as(first.err()).isZero();
        String oldId = modelId(model);

        resumeRefusesChangedModelOrDataKeys();

        List<String> resume = args("victim", 3, "--resume");
        // 1: killed inside a checkpoint write (epoch 2's model folders written, its state.json not)
        killAtPoint(resume, FaultPoint.CHECKPOINT_COMMIT);
        assertThat(modelId(model)).isEqualTo(oldId);
        // 2: killed at a random instant of the training steps after epoch 2's checkpoint
        Path state = tmp.resolve("models/victim.checkpoint/state.json");
        try (ChildTrainer child = ChildTrainer.start(List.of(), resume)) {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!Files.readString(state).contains("\"epoch\" : 2") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(new Random().nextInt(300));
            child.kill9();
        }
        assertThat(modelId(model)).isEqualTo(oldId);
        // 3-5: killed in the final save: before the renames, between them (no folder: the old one is aside),
        // and after them (the new one in place, the old one not yet deleted)
        killAtPoint(resume, FaultPoint.MODEL_STAGED);
        assertThat(modelId(model)).isEqualTo(oldId);
        killAtPoint(resume, FaultPoint.MODEL_SWAPPING);
        assertThat(model).doesNotExist();
        Path aside;
        try (Stream<Path> s = Files.list(model.getParent())) {
            aside = s.filter(p -> p.getFileName().toString().startsWith(".victim.old-")).findFirst().orElseThrow();
        }
        assertThat(modelId(aside)).isEqualTo(oldId);
        killAtPoint(resume, FaultPoint.MODEL_SWAPPED);
        String newId = modelId(model);
        assertThat(newId).isNotEqualTo(oldId);

        CliRun last = CliRun.of(resume);
        assertThat(last.exitCode()).as(last.err()).isZero();
        assertThat(modelId(model)).isNotIn(oldId, newId);
        try (Stream<Path> s = Files.list(model.getParent())) {   // no temporary folder left behind
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList()).isEmpty();
        }
        Path refRun = newestRun("reference");
        Path lastRun = newestRun("victim");
        assertThat(withoutSeconds(lastRun)).isEqualTo(withoutSeconds(refRun)).hasSize(4);   // header + epochs 1-3
        assertThat(lastRun.resolve("loss.png")).isNotEmptyFile();
        JsonNode ref = JSON.readTree(refRun.resolve("summary.json").toFile());
        JsonNode got = JSON.readTree(lastRun.resolve("summary.json").toFile());
        for (String key : List.of("best_epoch", "best_val_loss", "gmm_components", "validation")) {
            assertThat(got.get(key)).as(key).isEqualTo(ref.get(key));
        }
        for (int i = 0; i < ref.get("gmm_candidates").size(); i++) {
            for (String key : List.of("components", "val_accuracy", "bic", "mean_log_likelihood")) {
                assertThat(got.get("gmm_candidates").get(i).get(key)).isEqualTo(ref.get("gmm_candidates").get(i).get(key));
            }
        }
        assertThat(got.get("evaluations").get(0).get("accuracy")).isEqualTo(ref.get("evaluations").get(0).get("accuracy"));
    }

    @Test
    void killedAtRandomInstantsAndResumedTheRunEndsAsAnUninterruptedOne() throws Exception {
        long started = System.nanoTime();
        try (ChildTrainer reference = ChildTrainer.start(List.of(), args("reference", 3))) {
            assertThat(reference.waitFor(300)).as(reference.output()).isZero();
        }
        long runMillis = (System.nanoTime() - started) / 1_000_000;   // an uninterrupted child run, start to end
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Path model = tmp.resolve("models/random");
        Path state = tmp.resolve("models/random.checkpoint/state.json");
        List<String> instants = new ArrayList<>();
        int kills = 0;
        boolean finished = false;
        for (int attempt = 0; (kills < 5 || !finished) && attempt < 40; attempt++) {
            boolean resume = Files.isRegularFile(state);
            List<String> run = resume ? args("random", 3, "--resume") : args("random", 3);
            if (kills >= 5) {               // enough kills: let this one finish
                CliRun last = CliRun.of(run);
                assertThat(last.exitCode()).as(last.err()).isZero();
                finished = true;
                break;
            }
            long delay = (long) (random.nextDouble() * runMillis);
            try (ChildTrainer child = ChildTrainer.start(List.of(), run)) {
                int code = child.waitForOrKill(delay);
                if (code >= 0) {             // it finished before the instant came
                    assertThat(code).as(child.output()).isZero();
                    finished = true;
                    continue;
                }
                kills++;
                finished = false;
                instants.add(delay + " ms" + (resume ? " (resumed)" : "") + ": " + child.lastLine());
            }
            assertCompleteOrAside(model, "random", "seed " + seed + ", kills " + instants);
        }
        System.out.println("FaultInjectionTest: random kills (seed " + seed + "): " + instants);
        assertThat(kills).as("seed %d, kills %s", seed, instants).isGreaterThanOrEqualTo(5);
        assertThat(finished).as("seed %d, kills %s", seed, instants).isTrue();
        modelId(model);
        assertThat(withoutSeconds(newestRun("random"))).as("seed %d, kills %s", seed, instants)
                .isEqualTo(withoutSeconds(newestRun("reference")));
        JsonNode ref = JSON.readTree(newestRun("reference").resolve("summary.json").toFile());
        JsonNode got = JSON.readTree(newestRun("random").resolve("summary.json").toFile());
        for (String key : List.of("best_epoch", "best_val_loss", "validation", "evaluations")) {
            assertThat(got.get(key)).as(key + ", seed " + seed + ", kills " + instants).isEqualTo(ref.get(key));
        }
    }

    /** After a kill: the model folder is complete, or (killed between the renames) the old one is aside, or none
     * was ever saved. */
    private static void assertCompleteOrAside(Path model, String name, String context) throws IOException {
        if (Files.exists(model)) {
            assertThat(Files.isRegularFile(model.resolve("model.json"))).as(context).isTrue();
            modelId(model);
            return;
        }
        try (Stream<Path> s = Files.list(model.getParent())) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("." + name + ".old-")).toList()) {
                modelId(p);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // no model was ever saved
        }
    }

    private void resumeRefusesChangedModelOrDataKeys() throws IOException {
        long runs = countRuns();
        CliRun seed = CliRun.of(args("victim", 3, "--resume", "--set", "seed=7"));
        assertThat(seed.exitCode()).as(seed.err()).isEqualTo(2);
        assertThat(seed.err()).contains("seed = 7").contains("42").contains("--resume");
        CliRun split = CliRun.of(args("victim", 3, "--resume", "--set", "data.validation_fraction=0.3"));
        assertThat(split.exitCode()).as(split.err()).isEqualTo(2);
        assertThat(split.err()).contains("data.validation_fraction = 0.3");
        CliRun width = CliRun.of(args("victim", 3, "--resume", "--set", "model.dense=32"));
        assertThat(width.exitCode()).as(width.err()).isEqualTo(2);
        assertThat(width.err()).contains("model.dense = 32");
        assertThat(countRuns()).isEqualTo(runs);
    }

    @Test
    void aSecondRunOfTheSameNameIsRefusedAtOnceAndTheFirstFinishesUnharmed() throws Exception {
        Path release = tmp.resolve("release");
        try (ChildTrainer holder = ChildTrainer.start(List.of("latentlab.fault.pause=" + FaultPoint.CHECKPOINT_COMMIT,
                "latentlab.fault.release=" + release), args("busy", 1, "--set", "evaluate.mnist_test=false"))) {
            assertThat(holder.awaitLine("fault point", 120)).as(holder.output()).isTrue();
            CliRun second = CliRun.of(args("busy", 1, "--set", "evaluate.mnist_test=false"));
            assertThat(second.exitCode()).as(second.err()).isEqualTo(2);     // before any training or run folder
            assertThat(second.errLines()).hasSize(1);
            assertThat(second.err()).contains("in use by another run").contains("pid " + holder.pid()).contains("started");
            Files.createFile(release);
            assertThat(holder.waitFor(180)).as(holder.output()).isZero();
        }
        assertThat(countRuns()).isEqualTo(1);
        assertThat(tmp.resolve("models/busy.checkpoint/state.json")).isNotEmptyFile();
        assertThat(modelId(tmp.resolve("models/busy"))).isNotEmpty();
        assertThat(CliRun.of(args("busy", 1, "--set", "evaluate.mnist_test=false")).exitCode()).isZero();  // released
    }

    /** Starts a child that pauses at {@code point}, and kills it with SIGKILL there. */
    private static void killAtPoint(List<String> args, String point) throws InterruptedException {
        try (ChildTrainer child = ChildTrainer.start(List.of("latentlab.fault.pause=" + point), args)) {
            assertThat(child.awaitLine("fault point " + point, 180)).as(child.output()).isTrue();
            child.kill9();
        }
    }

    /** The model_id of a complete model folder: model.json present, every part stamped alike, loadable. */
    private static String modelId(Path dir) throws IOException {
        String id = JSON.readTree(dir.resolve("model.json").toFile()).get("model_id").asText();
        LatentClassifierFiles.load(dir);   // refuses parts of another save
        assertThat(dir.resolve("latents.npz")).isNotEmptyFile();
        return id;
    }

    private long countRuns() throws IOException {
        Path runs = tmp.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory).count();
        }
    }

    private Path newestRun(String name) throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("runs"))) {
            return s.filter(p -> p.getFileName().toString().matches("\\d{8}-\\d{6}-" + name + "(-\\d+)?"))
                    .filter(p -> Files.exists(p.resolve("summary.json")))
                    .max((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).orElseThrow();
        }
    }

    /** metrics.csv without its wall-time column. */
    private static List<String> withoutSeconds(Path run) throws IOException {
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        int col = Arrays.asList(rows.get(0).split(",")).indexOf("seconds");
        return rows.stream().map(r -> {
            List<String> cells = new ArrayList<>(Arrays.asList(r.split(",")));
            cells.remove(col);
            return String.join(",", cells);
        }).collect(Collectors.toList());
    }
}
