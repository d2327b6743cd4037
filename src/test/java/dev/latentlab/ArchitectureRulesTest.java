package dev.latentlab;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of the house (src/site/markdown/architecture.md) checked over the compiled classes with ArchUnit: a
 * change that breaks one fails here with the rule's name. The -Pspark build checks its spark package too.
 */
class ArchitectureRulesTest {
    private static final String ROOT = "dev.latentlab";
    /** Packages of numeric code: arrays and option records in, arrays and results out. */
    static final String[] CORES = {ROOT + ".clustering..", ROOT + ".mixture..", ROOT + ".manifold..",
            ROOT + ".patches..", ROOT + ".vae..", ROOT + ".latent..", ROOT + ".quantize..", ROOT + ".eval..",
            ROOT + ".rng.."};

    static final ArchRule NO_CYCLES = slices().matching(ROOT + ".(**)").should().beFreeOfCycles()
            .as("packages form no cycle");

    static final ArchRule CORES_STAY_NUMERIC = noClasses().that().resideInAnyPackage(CORES)
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".config..", ROOT + ".report..",
                    ROOT + ".cli..", ROOT + ".task..", ROOT + ".ui..", ROOT + ".spark..")
            .as("numeric cores use no config, report, cli, task, ui or spark");

    static final ArchRule CORES_STORE_ONLY_IN_MODEL_FILES = noClasses().that().resideInAnyPackage(CORES)
            .and().haveSimpleNameNotEndingWith("Files")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".store..")
            .as("numeric cores write files only through their model-file classes (*Files)");

    static final ArchRule DATA_USES_NO_MODEL = noClasses().that().resideInAPackage(ROOT + ".data..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".clustering..", ROOT + ".mixture..",
                    ROOT + ".manifold..", ROOT + ".patches..", ROOT + ".vae..", ROOT + ".latent..",
                    ROOT + ".quantize..", ROOT + ".eval..", ROOT + ".config..", ROOT + ".report..",
                    ROOT + ".task..", ROOT + ".cli..", ROOT + ".ui..", ROOT + ".spark..")
            .as("data uses no model, config, report, task or cli");

    static final ArchRule MODEL_BELOW_CLASSIFIER = noClasses().that().resideInAPackage(ROOT + ".vae..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".latent..", ROOT + ".mixture..",
                    ROOT + ".manifold..")
            .as("vae holds the model, trainer and model files: the latent classifier sits above it");

    static final ArchRule ONLY_CLI_USES_A_PIPELINE = noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
            .and().haveSimpleNameNotEndingWith("Pipeline")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Pipeline")
            .as("nothing uses a pipeline but cli");

    static final ArchRule NOTHING_USES_CLI = noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
            .and().doNotHaveFullyQualifiedName(ROOT + ".Trainer")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli..")
            .as("nothing uses cli but the entry point");

    static final ArchRule TASKS_INDEPENDENT = slices().matching(ROOT + ".task.(*)..").should().notDependOnEachOther()
            .ignoreDependency(alwaysTrue(), resideInAPackage(ROOT + ".task.latentmixture.."))
            .as("a task uses no other task (only task.latentmixture, shared by vae_gmm and latent_gmm)");

    static final ArchRule SPARK_FOUND_NOT_IMPORTED = noClasses().that().resideOutsideOfPackage(ROOT + ".spark..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".spark..")
            .as("the spark package is found through ServiceLoader, never imported");

    static final List<ArchRule> RULES = List.of(NO_CYCLES, CORES_STAY_NUMERIC, CORES_STORE_ONLY_IN_MODEL_FILES,
            DATA_USES_NO_MODEL, MODEL_BELOW_CLASSIFIER, ONLY_CLI_USES_A_PIPELINE, NOTHING_USES_CLI, TASKS_INDEPENDENT,
            SPARK_FOUND_NOT_IMPORTED);

    private static JavaClasses application;

    @BeforeAll
    static void importApplication() {
        application = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void theApplicationKeepsEveryRule() {
        assertThat(application.size()).as("classes imported").isGreaterThan(300);
        StringBuilder broken = new StringBuilder();
        for (ArchRule rule : RULES) {
            EvaluationResult result = rule.evaluate(application);
            if (result.hasViolation()) {
                broken.append("\n").append(result.getFailureReport());
            }
        }
        assertThat(broken.toString()).as("rules of architecture.md broken").isEmpty();
    }

    @Test
    void aCoreUsingConfigBreaksTheRuleByName() throws ClassNotFoundException {
        EvaluationResult result = CORES_STAY_NUMERIC.evaluate(new ClassFileImporter().importClasses(
                Class.forName("dev.latentlab.clustering.CoreUsingConfig")));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("numeric cores use no config")
                .contains("CoreUsingConfig");
    }

    @Test
    void aTaskUsingAPipelineBreaksTheRuleByName() throws ClassNotFoundException {
        EvaluationResult result = ONLY_CLI_USES_A_PIPELINE.evaluate(new ClassFileImporter().importClasses(
                Class.forName("dev.latentlab.task.quantize.PipelineCaller")));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("nothing uses a pipeline but cli");
    }
}
