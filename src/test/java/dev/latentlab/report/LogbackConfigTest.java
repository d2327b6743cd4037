package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The production logback.xml, loaded into a separate context (tests themselves run with logback-test.xml). */
class LogbackConfigTest {
    @Test
    void ourCodeLogsInfoAndLibrariesOnlyWarnOnStderr() throws JoranException {
        URL config = getClass().getClassLoader().getResource("logback.xml");
        assertThat(config).isNotNull();
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config);
        try {
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .noneMatch(s -> s.getLevel() >= ch.qos.logback.core.status.Status.WARN);
            assertThat(context.getLogger("dev.latentlab.clustering.Lloyd").getEffectiveLevel()).isEqualTo(Level.INFO);
            for (String lib : new String[] {"org.nd4j", "org.deeplearning4j.nn", "org.datavec", "org.bytedeco",
                    "org.reflections", "oshi.hardware"}) {
                assertThat(context.getLogger(lib).getEffectiveLevel()).as(lib).isEqualTo(Level.WARN);
            }
            var console = (ConsoleAppender<?>) context.getLogger("ROOT").getAppender("CONSOLE");
            assertThat(console.getTarget()).isEqualTo("System.err");
            assertThat(console.getCopyOfAttachedFiltersList()).hasOnlyElementsOfType(ProgressLineFilter.class);
        } finally {
            context.stop();
        }
    }
}
