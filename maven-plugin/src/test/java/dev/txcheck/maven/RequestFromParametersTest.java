package dev.txcheck.maven;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.txcheck.engine.AnalysisRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a goal's parameters become the engine's request, without a Maven run: the source roots, the
 * classpath, the base directory, and the configuration file overridden by parameters.
 */
class RequestFromParametersTest {
  @TempDir Path basedir;

  private final VerifyMojo mojo = new VerifyMojo();

  @BeforeEach
  void aJarModule() throws Exception {
    Files.createDirectories(basedir.resolve("src/main/java"));
    Files.createDirectories(basedir.resolve("src/test/java"));
    Files.createDirectories(basedir.resolve("target/classes"));
    Model model = new Model();
    model.setPackaging("jar");
    Build build = new Build();
    build.setOutputDirectory(basedir.resolve("target/classes").toString());
    build.setTestOutputDirectory(basedir.resolve("target/test-classes").toString());
    model.setBuild(build);
    MavenProject project = new MavenProject(model);
    project.setFile(basedir.resolve("pom.xml").toFile());
    project.addCompileSourceRoot(basedir.resolve("src/main/java").toString());
    project.addCompileSourceRoot(basedir.resolve("target/generated-sources/none").toString());
    project.addTestCompileSourceRoot(basedir.resolve("src/test/java").toString());
    mojo.project = project;
    mojo.baselineFile = basedir.resolve("tx-check-baseline.json").toFile();
    mojo.outputDirectory = basedir.resolve("target/tx-check").toFile();
  }

  @Test
  void existingMainSourceRootsAndTheModuleOutputAreAnalysedRelativeToTheModule() throws Exception {
    AnalysisRequest request = mojo.request();
    assertThat(request.paths()).containsExactly(basedir.resolve("src/main/java"));
    assertThat(request.classpath()).containsExactly(basedir.resolve("target/classes"));
    assertThat(request.baseDirectory()).isEqualTo(basedir.toAbsolutePath().normalize());
  }

  @Test
  void includeTestsAddsTheTestSources() throws Exception {
    mojo.includeTests = true;
    assertThat(mojo.request().paths())
        .containsExactly(basedir.resolve("src/main/java"), basedir.resolve("src/test/java"));
  }

  @Test
  void parametersOverrideTheConfigurationFile() throws Exception {
    Path config = basedir.resolve("tx-check.yml");
    Files.writeString(config, "rules:\n  TX002: off\nexclude: [\"**/generated/**\"]\n");
    mojo.configFile = config.toFile();
    assertThat(mojo.request().disabledRules()).contains("TX002");

    mojo.enabledRules = List.of("tx002");
    mojo.excludes = List.of("**/legacy/**");
    mojo.threads = 3;
    AnalysisRequest request = mojo.request();
    assertThat(request.disabledRules()).doesNotContain("TX002");
    assertThat(request.enabledRules()).contains("TX002");
    assertThat(request.excludes()).containsExactly("**/generated/**", "**/legacy/**").inOrder();
    assertThat(request.threads()).isEqualTo(3);
  }

  @Test
  void badValuesNameTheParameterOrTheFile() throws Exception {
    mojo.disabledRules = List.of("TX999");
    MojoExecutionException rule = assertThrows(MojoExecutionException.class, mojo::request);
    assertThat(rule).hasMessageThat().contains("parameter disabledRules (TX999)");

    mojo.disabledRules = List.of();
    mojo.threads = 0;
    assertThat(assertThrows(MojoExecutionException.class, mojo::request))
        .hasMessageThat()
        .contains("parameter threads (0)");

    mojo.threads = null;
    mojo.configFile = new File(basedir.toFile(), "missing.yml");
    assertThat(assertThrows(MojoExecutionException.class, mojo::request))
        .hasMessageThat()
        .contains("bad configuration file (configFile)");
  }

  @Test
  void aPomModuleIsSkipped() {
    assertThat(mojo.skipped()).isFalse();
    mojo.project.setPackaging("pom");
    assertThat(mojo.skipped()).isTrue();
  }

  @Test
  void aModuleWithoutSourcesIsSkipped() throws Exception {
    Files.delete(basedir.resolve("src/main/java"));
    assertThat(mojo.skipped()).isTrue();
  }
}
