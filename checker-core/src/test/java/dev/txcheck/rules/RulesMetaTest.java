package dev.txcheck.rules;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every rule is complete: metadata, a unique id, a documentation page and a README row. */
class RulesMetaTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void metadataIsCompleteAndIdsAreUniqueAndSorted() {
    Set<String> ids = new HashSet<>();
    String previous = "";
    for (Rule rule : Rules.ALL) {
      RuleInfo info = rule.info();
      assertWithMessage("@RuleInfo on %s", rule.getClass()).that(info).isNotNull();
      assertThat(info.id()).matches("TX\\d{3}");
      assertThat(info.name()).matches("[a-z]+(-[a-z]+)*");
      assertThat(info.summary()).endsWith(".");
      assertThat(ids.add(info.id())).isTrue();
      assertThat(info.id().compareTo(previous)).isGreaterThan(0);
      previous = info.id();
    }
  }

  @Test
  void everyRuleHasADocPageAndAReadmeRow() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    for (Rule rule : Rules.ALL) {
      RuleInfo info = rule.info();
      Path page = ROOT.resolve("docs/rules/" + info.id() + ".md");
      assertWithMessage("doc page of %s", info.id()).that(Files.exists(page)).isTrue();
      List<String> lines = Files.readAllLines(page);
      assertThat(lines.get(0)).isEqualTo("# " + info.id() + " " + info.name());
      String text = String.join("\n", lines);
      assertThat(text).contains("## Bad");
      assertThat(text).contains("## Good");
      assertThat(text).contains("## Suppress");
      assertThat(readme)
          .contains(
              "| [" + info.id() + "](docs/rules/" + info.id() + ".md) | " + info.name() + " |");
    }
  }
}
