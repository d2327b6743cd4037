package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportNumbersTest {
    @Test
    void roundsToFourSignificantDigitsAndKeepsWholeNumbersExact() {
        assertThat(ReportNumbers.format(0.987706243934002)).isEqualTo("0.9877");
        assertThat(ReportNumbers.format(0.98)).isEqualTo("0.98");
        assertThat(ReportNumbers.format(1253.511200070702)).isEqualTo("1,254");
        assertThat(ReportNumbers.format(20354.863887834155)).isEqualTo("20,350");
        assertThat(ReportNumbers.format(-4.193572998200086)).isEqualTo("-4.194");
        assertThat(ReportNumbers.format(0.002747)).isEqualTo("0.002747");
        assertThat(ReportNumbers.format(0.0000123456)).isEqualTo("1.235e-05");
        assertThat(ReportNumbers.format(600.0)).isEqualTo("600");
        assertThat(ReportNumbers.format(Double.NaN)).isEqualTo("NaN");
        assertThat(ReportNumbers.whole(20074704)).isEqualTo("20,074,704");
    }

    @Test
    void formatsNumbersInTextAndLeavesTheRest() {
        assertThat(ReportNumbers.formatText("20074704")).isEqualTo("20,074,704");
        assertThat(ReportNumbers.formatText("0.07379273")).isEqualTo("0.07379");
        assertThat(ReportNumbers.formatText("1e-3")).isEqualTo("0.001");
        assertThat(ReportNumbers.formatText("lloyd")).isEqualTo("lloyd");
        assertThat(ReportNumbers.formatText("true")).isEqualTo("true");
        assertThat(ReportNumbers.formatText("1.2.3")).isEqualTo("1.2.3");
    }
}
