package dev.txcheck.config;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.javaparser.ParserConfiguration.LanguageLevel;
import dev.txcheck.engine.AnalysisRequest;
import dev.txcheck.finding.Severity;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.txapi.CatalogException;
import dev.txcheck.txflow.ProxySemantics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path dir;

  private Path write(String... lines) throws IOException {
    return Files.write(dir.resolve("tx-check.yml"), List.of(lines));
  }

  private String errorOf(String... lines) throws IOException {
    Path file = write(lines);
    return assertThrows(ConfigException.class, () -> ConfigFile.read(file)).getMessage();
  }

  @Test
  void readsEverySetting() throws Exception {
    Path file =
        write(
            "# tx-check settings",
            "rules:",
            "  TX002: off",
            "  tx003: warning",
            "  TX001: on",
            "include: ['**/dao/**']",
            "exclude:",
            "  - '**/generated/**'",
            "api:",
            "  - 'commit com.acme.TxUtil#finish(_) on=arg0'",
            "api-files: [extra/tx-api.txt]",
            "java-level: 17",
            "encoding: windows-1252");
    Configuration config = ConfigFile.read(file);

    assertThat(config.rules())
        .containsExactly(
            "TX002", RuleSetting.OFF, "TX003", RuleSetting.WARNING, "TX001", RuleSetting.ON)
        .inOrder();
    assertThat(config.includes()).containsExactly("**/dao/**");
    assertThat(config.excludes()).containsExactly("**/generated/**");
    assertThat(config.apiFiles()).containsExactly(dir.toAbsolutePath().resolve("extra/tx-api.txt"));
    assertThat(config.apiLines()).hasSize(1);
    assertThat(config.apiLines().get(0).firstLine()).isEqualTo(10);
    assertThat(config.javaLevel()).isEqualTo(LanguageLevel.JAVA_17);

    AnalysisRequest request = config.applyTo(AnalysisRequest.builder(List.of(dir))).build();
    assertThat(request.disabledRules()).containsExactly("TX002");
    assertThat(request.severities()).containsExactly("TX003", Severity.WARNING);
    assertThat(request.runs("TX002", true)).isFalse();
    assertThat(request.runs("TX003", true)).isTrue();
    assertThat(request.languageLevel()).isEqualTo(LanguageLevel.JAVA_17);
    assertThat(request.encoding().name()).isEqualTo("windows-1252");
    assertThat(errorOf("encoding: klingon")).contains("encoding: unknown encoding 'klingon'");
  }

  @Test
  void flagsAppliedAfterTheFileWin() throws Exception {
    Configuration config = ConfigFile.read(write("rules:", "  TX002: off"));
    AnalysisRequest request =
        config.applyTo(AnalysisRequest.builder(List.of(dir))).enable("TX002").build();
    assertThat(request.runs("TX002", true)).isTrue();
  }

  @Test
  void anEmptyFileChangesNothing() throws Exception {
    Configuration config = ConfigFile.read(write("# nothing yet"));
    assertThat(config.rules()).isEmpty();
    assertThat(config.javaLevel()).isNull();
  }

  @Test
  void unknownKeyNamesFileLineAndKnownKeys() throws IOException {
    String message = errorOf("rules:", "  TX002: off", "exlude: ['**/gen/**']");
    assertThat(message).startsWith(dir.resolve("tx-check.yml") + ":3: unknown key 'exlude'");
    assertThat(message).contains("exclude");
  }

  @Test
  void badRuleValueNamesKeyAndValue() throws IOException {
    assertThat(errorOf("rules:", "  TX002: of"))
        .endsWith(":2: rules.TX002: bad value 'of'; use on, off, error, warning or info");
  }

  @Test
  void unknownRuleIsAnError() throws IOException {
    assertThat(errorOf("rules:", "  TX999: off")).contains(":2: rules: unknown rule 'TX999'");
  }

  @Test
  void duplicateKeysAreAnError() throws IOException {
    assertThat(errorOf("exclude: [a]", "exclude: [b]"))
        .contains(":2: the file: 'exclude' is given twice");
  }

  @Test
  void wrongShapesAreErrors() throws IOException {
    assertThat(errorOf("exclude: '**/gen/**'")).contains(":1: exclude must be a list");
    assertThat(errorOf("rules: [TX002]")).contains(":1: rules must be a mapping");
    assertThat(errorOf("- TX002")).contains(":1: the file must be a mapping");
    assertThat(errorOf("java-level: [17]")).contains(":1: java-level: expected a single value");
  }

  @Test
  void springVersionChoosesTheProxySemantics() throws IOException, ConfigException {
    Path file = dir.resolve("spring.yml");
    Files.writeString(file, "spring-version: 5\n");
    AnalysisRequest request =
        ConfigFile.read(file).applyTo(AnalysisRequest.builder(List.of(dir))).build();
    assertThat(request.effectiveProxySemantics()).isEqualTo(ProxySemantics.BEFORE_SPRING_6);
    assertThat(errorOf("spring-version: seven"))
        .contains(":1: spring-version: unknown Spring version 'seven'");
  }

  @Test
  void springSemanticsAreToldFromTheClasspathUnlessSet() {
    AnalysisRequest.Builder builder =
        AnalysisRequest.builder(List.of(dir))
            .classpath(List.of(Path.of("lib/spring-tx-5.3.39.jar")));
    assertThat(builder.build().effectiveProxySemantics()).isEqualTo(ProxySemantics.BEFORE_SPRING_6);
    assertThat(builder.proxySemantics(ProxySemantics.SPRING_6).build().effectiveProxySemantics())
        .isEqualTo(ProxySemantics.SPRING_6);
    assertThat(AnalysisRequest.of(List.of(dir)).effectiveProxySemantics())
        .isEqualTo(ProxySemantics.SPRING_6);
  }

  @Test
  void badJavaLevelNamesTheValue() throws IOException {
    assertThat(errorOf("java-level: 99")).contains(":1: java-level: unknown Java level '99'");
  }

  @Test
  void invalidYamlNamesTheLine() throws IOException {
    assertThat(errorOf("rules:", "  TX002: off", "  - broken")).contains(":3: not valid YAML");
  }

  @Test
  void missingFileIsAnError() {
    Path file = dir.resolve("absent.yml");
    String message = assertThrows(ConfigException.class, () -> ConfigFile.read(file)).getMessage();
    assertThat(message).contains("cannot read the configuration file " + file);
  }

  @Test
  void badApiLineIsReportedAtItsLineInTheConfigFile() throws Exception {
    Configuration config =
        ConfigFile.read(write("# helpers", "api:", "  - 'commit TxUtil.finish'"));
    CatalogException e =
        assertThrows(CatalogException.class, () -> ApiCatalog.load(List.of(), config.apiLines()));
    assertThat(e.getMessage()).startsWith(dir.resolve("tx-check.yml") + ":3: ");
  }
}
