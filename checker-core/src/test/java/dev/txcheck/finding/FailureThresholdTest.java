package dev.txcheck.finding;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FailureThresholdTest {
  private static Finding finding(Severity severity, int line) {
    return new Finding(
        "TX00" + line, "r", severity, "m", "A.java", line, 1, line, 2, "A.a()", "f" + line);
  }

  private static final List<Finding> ONE_EACH =
      List.of(finding(Severity.ERROR, 1), finding(Severity.WARNING, 2), finding(Severity.INFO, 3));

  @Test
  void countsFindingsAtOrAboveTheLevel() {
    assertThat(FailureThreshold.parse("warning", 0).counted(ONE_EACH))
        .containsExactly(ONE_EACH.get(0), ONE_EACH.get(1))
        .inOrder();
    assertThat(FailureThreshold.parse("INFO", 0).counted(ONE_EACH)).hasSize(3);
    assertThat(FailureThreshold.parse(" error ", 0).counted(ONE_EACH)).hasSize(1);
    assertThat(FailureThreshold.parse("error", 0).counts(ONE_EACH.get(0))).isTrue();
    assertThat(FailureThreshold.parse("error", 0).counts(ONE_EACH.get(1))).isFalse();
  }

  @Test
  void failsOnlyWhenMoreThanTheAllowedNumberCount() {
    assertThat(FailureThreshold.parse("warning", 0).fails(ONE_EACH)).isTrue();
    assertThat(FailureThreshold.parse("warning", 1).fails(ONE_EACH)).isTrue();
    assertThat(FailureThreshold.parse("warning", 2).fails(ONE_EACH)).isFalse();
    assertThat(FailureThreshold.parse("error", 0).fails(List.of())).isFalse();
  }

  @Test
  void neverNeverFails() {
    FailureThreshold never = FailureThreshold.parse("never", 0);
    assertThat(never.level()).isNull();
    assertThat(never.fails(ONE_EACH)).isFalse();
    assertThat(never.counts(ONE_EACH.get(0))).isFalse();
  }

  @Test
  void badValuesNameTheChoices() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FailureThreshold.parse("fatal", 0));
    assertThat(e).hasMessageThat().contains("use error, warning, info or never");
    assertThrows(IllegalArgumentException.class, () -> FailureThreshold.parse("error", -1));
    assertThat(assertThrows(IllegalArgumentException.class, () -> Severity.parse("never")))
        .hasMessageThat()
        .contains("use error, warning or info");
    assertThat(Severity.parse("Warning")).isEqualTo(Severity.WARNING);
  }
}
