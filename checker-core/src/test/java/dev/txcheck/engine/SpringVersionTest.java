package dev.txcheck.engine;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpringVersionTest {
  @TempDir Path dir;

  private Path sources() throws Exception {
    return Files.createDirectories(dir.resolve("app/src/main/java"));
  }

  @Test
  void aSpringTxJarOnTheClasspathDecides() throws Exception {
    Path src = sources();
    Files.writeString(
        dir.resolve("app/pom.xml"), "<project><spring.version>6.0.0</spring.version></project>");
    assertThat(SpringVersion.of(List.of(Path.of("lib/spring-tx-5.3.39.jar")), List.of(src)))
        .isEqualTo(OptionalInt.of(5));
  }

  @Test
  void aSpringBoot2ParentAboveTheSourcesMeansSpring5() throws Exception {
    Path src = sources();
    Files.writeString(
        dir.resolve("app/pom.xml"),
        "<project><parent><groupId>org.springframework.boot</groupId>"
            + "<artifactId>spring-boot-starter-parent</artifactId>\n  <version>2.6.8</version>"
            + "</parent></project>");
    assertThat(SpringVersion.of(List.of(), List.of(src))).isEqualTo(OptionalInt.of(5));
  }

  @Test
  void aPropertyOrAGradlePluginTellsTheVersionToo() throws Exception {
    Path src = sources();
    Files.writeString(
        dir.resolve("app/pom.xml"),
        "<project><properties><spring.version>6.1.3</spring.version></properties></project>");
    assertThat(SpringVersion.of(List.of(), List.of(src))).isEqualTo(OptionalInt.of(6));
    Files.delete(dir.resolve("app/pom.xml"));
    Files.writeString(
        dir.resolve("app/build.gradle"),
        "plugins { id 'org.springframework.boot' version '3.2.1' }");
    assertThat(SpringVersion.of(List.of(), List.of(src))).isEqualTo(OptionalInt.of(6));
  }

  @Test
  void nothingToldMeansUnknown() throws Exception {
    assertThat(SpringVersion.of(List.of(), List.of(sources()))).isEqualTo(OptionalInt.empty());
  }
}
