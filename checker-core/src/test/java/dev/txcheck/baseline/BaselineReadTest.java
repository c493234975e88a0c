package dev.txcheck.baseline;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A baseline is read only when it is one this version wrote; anything else is refused. */
class BaselineReadTest {
  @TempDir Path dir;

  private String refusal(String json) throws IOException {
    Path file = Files.writeString(dir.resolve("baseline.json"), json);
    BaselineException e = assertThrows(BaselineException.class, () -> Baseline.read(file));
    assertThat(e).hasMessageThat().startsWith(file.toString());
    return e.getMessage().substring(file.toString().length());
  }

  @Test
  void aBaselineOfThisVersionIsRead() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("baseline.json"),
            """
            {"schemaVersion": 1, "findings": [
              {"fingerprint": "abc", "ruleId": "TX001", "extra": {"kept": [1, 2]}},
              {"ruleId": "TX002", "fingerprint": "def"}
            ]}
            """);
    assertThat(Baseline.read(file).size()).isEqualTo(2);
    assertThat(
            Baseline.read(Files.writeString(file, "{\"schemaVersion\":1,\"findings\":[]}")).size())
        .isEqualTo(0);
  }

  @Test
  void anEmptyObjectIsNotABaseline() throws IOException {
    assertThat(refusal("{}"))
        .isEqualTo(
            ": not a tx-check baseline (it needs \"schemaVersion\": 1 and a \"findings\" array)");
    assertThat(refusal("{\"schemaVersion\": 1}")).contains("not a tx-check baseline");
    assertThat(refusal("[]")).isEqualTo(": not a tx-check baseline (expected a JSON object)");
  }

  @Test
  void anUnknownSchemaVersionIsRefused() throws IOException {
    assertThat(refusal("{\"schemaVersion\": 2, \"findings\": []}"))
        .isEqualTo(": schemaVersion 2 is unknown; this tx-check reads baselines of version 1");
    assertThat(refusal("{\"schemaVersion\": \"1\", \"findings\": []}"))
        .contains("schemaVersion is not a number");
  }

  @Test
  void anEntryWithoutAFingerprintIsRefusedWithItsLine() throws IOException {
    assertThat(
            refusal(
                """
                {"schemaVersion": 1, "findings": [
                  {"fingerprint": "abc"},
                  {"ruleId": "TX001", "file": "A.java"}
                ]}
                """))
        .isEqualTo(":3: finding 2 has no \"fingerprint\"");
    assertThat(refusal("{\"schemaVersion\": 1, \"findings\": [{\"fingerprint\": \"\"}]}"))
        .contains("finding 1 has no \"fingerprint\"");
    assertThat(refusal("{\"schemaVersion\": 1, \"findings\": [\"abc\"]}"))
        .contains("finding 1 has no \"fingerprint\"");
  }

  @Test
  void brokenJsonNamesTheLine() throws IOException {
    assertThat(refusal("{ \"findings\": [ oops")).startsWith(":1: not valid JSON");
  }
}
