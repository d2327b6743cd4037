package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProgressTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(Progress.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final AtomicLong now = new AtomicLong();

    @BeforeEach
    void attach() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(events);
    }

    @Test
    void startLogsStartAndEndLines() {
        try (Progress p = Progress.start("quick", 3, "items")) {
            p.step();
            p.stepBy(2);
            assertThat(p.current()).isEqualTo(3);
        }
        assertThat(lines()).first().isEqualTo("quick: started, 3 items");
        assertThat(lines()).last().asString().matches("quick: done, 3/3 items \\(100%\\) in 0:00:0\\d");
    }

    @Test
    void logsEveryIntervalWithEtaAndExtraMessage() {
        try (Progress p = fake("lloyd", 120, "iterations")) {
            for (int i = 0; i < 36; i++) {
                now.addAndGet(Duration.ofSeconds(1).toNanos());
                p.step();
            }
            assertThat(lines()).hasSize(1 + 3); // start, then at 10 s, 20 s, 30 s
            assertThat(lines().get(1)).isEqualTo("lloyd: 10/120 iterations (8%), elapsed 0:00:10, ETA 0:01:50");
            now.set(Duration.ofSeconds(62).toNanos());
            p.setExtraMessage("mse=0.0123");
            p.step();
            assertThat(lines()).hasSize(5);
            // ETA = 62 s / 37 * 83 = 139 s
            assertThat(lines()).last().isEqualTo("lloyd: 37/120 iterations (30%), elapsed 0:01:02, ETA 0:02:19, mse=0.0123");
            now.addAndGet(Duration.ofSeconds(1).toNanos());
        }
        assertThat(lines()).last().isEqualTo("lloyd: stopped at 37/120 iterations (30%) after 0:01:03, mse=0.0123");
    }

    @Test
    void unknownTotalHasNoPercentOrEta() {
        try (Progress p = fake("scan", 0, "files")) {
            now.addAndGet(Duration.ofSeconds(11).toNanos());
            p.stepBy(5);
        }
        assertThat(lines()).containsExactly("scan: started, files (total unknown)",
                "scan: 5 files, elapsed 0:00:11", "scan: done, 5 files in 0:00:11");
    }

    @Test
    void closeIsIdempotentAndClockFormatsHours() {
        Progress p = fake("x", 1, "steps");
        p.step();
        p.close();
        p.close();
        assertThat(lines()).hasSize(2);
        assertThat(Progress.clock(Duration.ofSeconds(3 * 3600 + 62).toNanos())).isEqualTo("3:01:02");
    }

    @Test
    void filterKeepsBarLinesOffTheConsoleOnly() {
        ProgressLineFilter filter = new ProgressLineFilter();
        ch.qos.logback.classic.spi.LoggingEvent plain = new ch.qos.logback.classic.spi.LoggingEvent();
        ch.qos.logback.classic.spi.LoggingEvent marked = new ch.qos.logback.classic.spi.LoggingEvent();
        marked.setMarker(Progress.BAR_SHOWN);
        assertThat(filter.decide(plain)).isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
        assertThat(filter.decide(marked)).isEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
    }

    private Progress fake(String task, long total, String unit) {
        return new Progress(task, total, unit, logger, now::get, Duration.ofSeconds(10), null);
    }

    private List<String> lines() {
        return events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
