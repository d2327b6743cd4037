package dev.latentlab.report;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Logback filter for the console appender: drops {@link Progress}'s periodic lines while a console bar already
 * shows them (they still reach {@code run.log}). Named in {@code logback.xml}.
 */
public final class ProgressLineFilter extends Filter<ILoggingEvent> {
    @Override
    public FilterReply decide(ILoggingEvent event) {
        Marker marker = event.getMarker();
        return marker != null && marker.contains(Progress.BAR_SHOWN) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
