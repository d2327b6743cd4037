package dev.latentlab.task.sweep;

import dev.latentlab.BadInputException;
import dev.latentlab.config.ConfigLoader;
import dev.latentlab.config.ConfigLocator;
import dev.latentlab.config.ConfigYaml;
import dev.latentlab.config.LoadedConfig;
import dev.latentlab.config.SweepConfig;
import dev.latentlab.report.HtmlReport;
import dev.latentlab.report.RunDirectory;
import dev.latentlab.store.AtomicFiles;
import dev.latentlab.store.ModelFolder;
import dev.latentlab.store.NameLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task {@value SweepConfig#TASK}: a hyper-parameter search (DL4J Arbiter) over config key paths of a base
 * config. One sweep folder {@code runs/<stamp>-<name>/} holds every candidate's run folder
 * ({@code candidates/}) and models ({@code models/}), {@code candidates.csv}, {@code best.yaml} (the winner's
 * resolved config, runnable as is), the objective plots, {@code summary.json}, {@code report.html} and the
 * state that {@code --resume} continues from (finished candidates are skipped, failed ones run again).
 */
public final class SweepPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(SweepPipeline.class);
    /** The winning candidate's config. */
    public static final String BEST_FILE = "best.yaml";
    /** The across-seeds table (mean ± sd) when {@code seed} is swept. */
    public static final String SEEDS_FILE = "across_seeds.txt";

    private final Path file;
    private final SweepConfig sweep;
    private final PipelineLauncher launcher;
    private final boolean resume;
    private final CandidateExecutor executor;
    /** How often the progress of candidates running in other JVMs is shown. */
    private static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(30);

    /**
     * @param file     the sweep config file (named in messages)
     * @param sweep    the bound sweep config
     * @param launcher runs the base config's pipeline
     * @param resume   continue the newest interrupted sweep of this name
     */
    public SweepPipeline(Path file, SweepConfig sweep, PipelineLauncher launcher, boolean resume) {
        this(file, sweep, launcher, resume, null);
    }

    /** As the public constructor, the candidates run on {@code executor} (null: as the config says). */
    SweepPipeline(Path file, SweepConfig sweep, PipelineLauncher launcher, boolean resume, CandidateExecutor executor) {
        this.file = file;
        this.sweep = sweep;
        this.launcher = launcher;
        this.resume = resume;
        this.executor = executor;
    }

    /** Runs the sweep; returns the sweep folder. */
    public Path run() throws IOException {
        String missing = sweep.requireComplete();
        if (missing != null) {
            throw new BadInputException(file + ": " + missing);
        }
        Path baseFile = locateBase();
        ArbiterSearch search = new ArbiterSearch(sweep);
        int planned = search.plannedCandidates();
        checkCandidates(baseFile, search.candidates());
        long start = System.nanoTime();
        Path runsRoot = Path.of(sweep.output().runsDir());
        Path interrupted = resume ? interrupted() : null;
        try (CandidateExecutor candidates = executor != null ? executor : openExecutor();
             CandidateHeartbeat heartbeat = candidates.inProcess() ? null : new CandidateHeartbeat(HEARTBEAT, LOG::info);
             NameLock lock = NameLock.acquire(runsRoot.resolve(sweep.name() + ".sweep.lock"), "sweep " + sweep.name());
             RunDirectory run = resume ? RunDirectory.reopen(interrupted) : RunDirectory.create(runsRoot,
                     sweep.name())) {
            run.onInterrupt(lock::close);
            run.resumeHint("run the same command with --resume to skip the finished candidates");
            return run.execute(() -> runIn(run, search, baseFile, planned, candidates, heartbeat, start));
        }
    }

    /** The steps of the sweep, in its folder: every candidate run (or skipped when finished), then the results. */
    private Path runIn(RunDirectory run, ArbiterSearch search, Path baseFile, int planned,
                       CandidateExecutor candidates, CandidateHeartbeat heartbeat, long start) throws IOException {
        String yaml = ConfigYaml.toYaml(sweep);
        if (resume) {
            checkUnchanged(run.resolve(RunDirectory.CONFIG_FILE), yaml);
        } else {
            run.writeConfig(yaml);
        }
        LOG.info("sweep {}: {} search over {} of {}, {} candidates, {} at once {}, objective {} ({}); "
                + "folder {}", sweep.name(), sweep.search().method().configName(),
                String.join(", ", sweep.parameters().keySet()), baseFile, planned, sweep.search().parallel(),
                candidates.describe(), sweep.objective().metric(), sweep.objective().direction().configName(),
                run.path());
        SweepState state = SweepState.in(run.path());
        if (!resume) {
            state.save();
        } else {
            removeUnrecordedCandidates(run.path(), state, "a candidate interrupted before it finished "
                    + "(it runs again)");
        }
        CandidateConfigs configs = new CandidateConfigs(sweep, baseFile);
        CandidateRunner runner = new CandidateRunner(configs, run.path(), launcher, candidates, state,
                new SweepProgress(planned, sweep.objective().metric()), heartbeat);
        search.run(runner);
        removeUnrecordedCandidates(run.path(), state, "an attempt whose run was lost (its candidate is "
                + "recorded from another attempt or as failed)");
        if (runner.abort() != null) {
            throw runner.abort();
        }
        finish(run, configs, state, planned, (System.nanoTime() - start) / 1e9);
        return run.path();
    }

    private void finish(RunDirectory run, CandidateConfigs configs, SweepState state, int planned,
                        double seconds) throws IOException {
        List<CandidateRecord> records = state.all();
        CandidatesCsv.write(run.path(), new ArrayList<>(sweep.parameters().keySet()), sweep.objective().metric(),
                records);
        Optional<CandidateRecord> best = state.best(sweep.objective().minimize());
        String bestYaml = best.isPresent() ? writeBest(run, configs, best.get()) : null;
        List<CandidateRecord> complete = records.stream().filter(CandidateRecord::isComplete).toList();
        SweepSummary summary = SweepSummary.of(sweep, configs.baseFile().toString(), planned, seconds, records,
                best.orElse(null), bestYaml);
        run.writeSummary(summary);
        if (summary.acrossSeeds() != null) {
            writeSeedsTable(run, summary.acrossSeeds());
        }
        SweepFigures sweepFigures = new SweepFigures(sweep);
        List<String> figures = sweepFigures.write(run.path(), complete, summary.elbow());
        HtmlReport.forRun(run.path()).title("Sweep " + sweep.name() + ": " + sweep.objective().metric() + " over "
                + String.join(", ", sweep.parameters().keySet())).imageOrder(figures).captions(sweepFigures::caption).write();
        LOG.info("sweep {}: {} of {} candidates complete, {} failed; best {}", sweep.name(), summary.complete(),
                records.size(), summary.failed(), best.map(b -> sweep.objective().metric() + " = " + b.objective()
                        + " with " + SweepProgress.describe(b.parameters()) + " → " + run.resolve(BEST_FILE))
                        .orElse("none"));
        if (best.isEmpty()) {
            throw new IllegalStateException(records.isEmpty()
                    ? "no candidate finished within search.max_minutes = " + sweep.search().maxMinutes()
                    : "all " + records.size() + " candidates failed; see " + run.resolve(CandidatesCsv.FILE));
        }
    }

    /** best.yaml: the best candidate as a config that runs on its own; returns its path. */
    private String writeBest(RunDirectory run, CandidateConfigs configs, CandidateRecord best) throws IOException {
        LoadedConfig winner = configs.standalone(sweep.name() + "-best", best.parameters());
        AtomicFiles.writeString(run.resolve(BEST_FILE), "# Best candidate " + best.index() + " of sweep "
                + sweep.name() + " (" + run.path() + "): " + sweep.objective().metric() + " = "
                + best.objective() + "\n# with " + SweepProgress.describe(best.parameters())
                + "\n# Re-run: java -jar target/trainer.jar --config " + run.resolve(BEST_FILE) + "\n"
                + launcher.resolve(winner));
        return run.resolve(BEST_FILE).toString();
    }

    /** The objective's mean ± sd across seeds, per group of candidates, logged and written to the seeds file. */
    private void writeSeedsTable(RunDirectory run, List<SeedStatistics> groups) throws IOException {
        StringBuilder table = new StringBuilder();
        for (SeedStatistics group : groups) {
            table.append(group.toTable(sweep.objective().metric()));
        }
        AtomicFiles.writeString(run.resolve(SEEDS_FILE), table.toString());
        LOG.info("{}", table);
    }

    /**
     * Where the candidates run: {@code search.executor: spark} on a Spark cluster, else on this machine, in this
     * JVM one at a time or in child JVMs {@code search.parallel} at once.
     */
    private CandidateExecutor openExecutor() {
        if (sweep.search().executor() == SweepConfig.Executor.SPARK) {
            return SparkCandidates.require(file + ": search.executor spark").open(sweep);
        }
        if (sweep.search().parallel() > 1) {
            return new ChildJvmCandidates(sweep.search().parallel());
        }
        return new InProcessCandidates(launcher);
    }

    private Path locateBase() {
        try {
            return new ConfigLocator().locate(sweep.base());
        } catch (BadInputException e) {
            throw new BadInputException(file + ": base = " + sweep.base() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Binds the base config with every candidate's overrides and checks the input files each names, so that a
     * mistyped key path or a missing file stops the sweep before its first candidate runs.
     */
    private void checkCandidates(Path baseFile, List<Map<String, Object>> candidates) {
        CandidateConfigs configs = new CandidateConfigs(sweep, baseFile);
        for (int i = 0; i < candidates.size(); i++) {
            try {
                LoadedConfig candidate = configs.standalone(sweep.name(), candidates.get(i));
                launcher.resolve(candidate);
                launcher.checkInputs(candidate);
            } catch (BadInputException e) {
                throw new BadInputException(file + ": the overrides do not fit " + baseFile + " (candidate " + i + ": "
                        + SweepProgress.describe(candidates.get(i)) + "): " + e.getMessage(), e);
            }
        }
    }

    /**
     * Removes the candidate folders no record names: candidates interrupted mid-run, which run again into a new
     * folder, and attempts lost with their machine, so that a sweep folder holds one folder per candidate.
     */
    private static void removeUnrecordedCandidates(Path sweepDir, SweepState state, String why) throws IOException {
        Path candidates = sweepDir.resolve("candidates");
        if (!Files.isDirectory(candidates)) {
            return;
        }
        Set<Path> recorded = new HashSet<>();
        for (CandidateRecord r : state.all()) {
            if (r.runDir() != null) {
                recorded.add(Path.of(r.runDir()).getFileName());
            }
        }
        List<Path> partial;
        try (Stream<Path> dirs = Files.list(candidates)) {
            partial = dirs.filter(Files::isDirectory).filter(d -> !recorded.contains(d.getFileName())).toList();
        }
        for (Path d : partial) {
            LOG.info("removing {}: {}", d, why);
            ModelFolder.deleteTree(d);
        }
    }

    /** The newest sweep folder of this name under the runs folder. */
    private Path interrupted() throws IOException {
        Path root = Path.of(sweep.output().runsDir());
        String suffix = "-" + sweep.name();
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                Optional<Path> newest = dirs.filter(d -> d.getFileName().toString().endsWith(suffix))
                        .filter(d -> Files.isRegularFile(d.resolve(SweepState.FILE)))
                        .max(Comparator.comparing(d -> d.getFileName().toString()));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        throw new BadInputException("--resume: no sweep named " + sweep.name() + " under "
                + root + "/ (start it without --resume)");
    }

    private void checkUnchanged(Path stored, String yaml) throws IOException {
        if (!Files.exists(stored)) {
            return;
        }
        SweepConfig before = ConfigLoader.load(stored).bind(SweepConfig.class);
        SweepConfig now = sweep;
        boolean same = before.base().equals(now.base()) && before.overrides().equals(now.overrides())
                && before.parameters().equals(now.parameters()) && before.objective().equals(now.objective())
                && before.search().method() == now.search().method()
                && before.search().gridPoints() == now.search().gridPoints() && before.seed() == now.seed();
        if (!same) {
            throw new BadInputException("--resume: " + file + " differs from the interrupted sweep's " + stored
                    + " (only search.max_candidates, search.max_minutes, search.parallel, search.executor and spark may change; start a new sweep)");
        }
        AtomicFiles.writeString(stored, yaml);
    }
}
