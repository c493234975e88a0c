package dev.txcheck.cli;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.types.ClasspathTest;
import dev.txcheck.types.LibraryJar;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as users run it, through its testable entry point. */
class TxCheckCommandTest {
  private static final String LEAKY =
      """
      import java.sql.Connection;
      import java.sql.SQLException;
      class Leaky {
        void save(Connection conn) throws SQLException {
          conn.setAutoCommit(false);
          conn.prepareStatement("insert into t values (1)").executeUpdate();
          conn.prepareStatement("insert into t values (2)").executeUpdate();
          conn.commit();
        }
      }
      """;

  private static final String CLEAN =
      """
      import java.sql.Connection;
      import java.sql.SQLException;
      class Clean {
        void save(Connection conn) throws SQLException {
          conn.setAutoCommit(false);
          try {
            conn.prepareStatement("insert into t values (1)").executeUpdate();
            conn.prepareStatement("insert into t values (2)").executeUpdate();
            conn.commit();
          } catch (SQLException e) {
            conn.rollback();
            throw e;
          }
        }
      }
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return TxCheckCommand.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  private Path write(String name, String code) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, code);
    return file;
  }

  @Test
  void cleanCodeExitsZero() throws IOException {
    write("Clean.java", CLEAN);
    assertThat(run(dir.toString())).isEqualTo(ExitCode.CLEAN.code());
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("no findings in 1 file");
  }

  @Test
  void findingsArePrintedCompilerStyleAndExitOne() throws IOException {
    Path file = write("Leaky.java", LEAKY);
    assertThat(run(dir.toString())).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(out.toString())
        .startsWith(
            file.toString().replace('\\', '/') + ":5:5: error: [TX001] the exception thrown by ");
    assertThat(err.toString()).contains("1 finding (TX001: 1)");
  }

  @Test
  void anUnparsableFileIsReportedWithItsPositionAndTheRestIsStillAnalysed() throws IOException {
    write("Leaky.java", LEAKY);
    Path broken = write("Broken.java", "class Broken { void f() { int x = ; } }\n// transaction");
    assertThat(run(dir.toString())).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(out.toString()).contains("[TX001]");
    assertThat(err.toString()).contains(broken.toString().replace('\\', '/') + ":1:");
    assertThat(err.toString()).contains("cannot parse");
    assertThat(err.toString()).doesNotContain("Exception");
  }

  @Test
  void onlyInputErrorsExitThree() throws IOException {
    write("Broken.java", "class Broken { void f() { conn.commit( } }");
    assertThat(run(dir.toString())).isEqualTo(ExitCode.INPUT_ERRORS.code());
  }

  @Test
  void failOnNeverExitsZeroForUnparsableFilesToo() throws IOException {
    write("Broken.java", "class Broken { void f() { conn.commit( } }");
    assertThat(run("--fail-on", "never", dir.toString())).isEqualTo(ExitCode.CLEAN.code());
    assertThat(err.toString()).contains("cannot parse"); // still reported, just not failing
    write("Leaky.java", LEAKY);
    assertThat(run("--fail-on", "never", dir.toString())).isEqualTo(ExitCode.CLEAN.code());
  }

  @Test
  void utf16SourcesAreReadByTheirByteOrderMarkOrTheGivenEncoding() throws IOException {
    Path file = dir.resolve("Leaky.java");
    byte[] utf16 = LEAKY.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    byte[] marked = new byte[utf16.length + 2];
    marked[0] = (byte) 0xFF;
    marked[1] = (byte) 0xFE;
    System.arraycopy(utf16, 0, marked, 2, utf16.length);
    Files.write(file, marked);
    assertThat(run(dir.toString())).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(out.toString()).contains("Leaky.java:5:5: error: [TX001]");

    Files.write(file, utf16); // no byte order mark: an error that says what to do
    assertThat(run(dir.toString())).isEqualTo(ExitCode.INPUT_ERRORS.code());
    assertThat(err.toString())
        .contains("Leaky.java: error: cannot decode: NUL characters in the text");
    assertThat(run("--encoding", "UTF-16LE", dir.toString())).isEqualTo(ExitCode.FINDINGS.code());
  }

  @Test
  void aFileTheGivenEncodingCannotDecodeIsReportedAndAnUnknownEncodingIsAUsageError()
      throws IOException {
    Files.write(
        dir.resolve("Latin.java"),
        "class Latin { // Gr\u00f6\u00dfe\n void commit() {} }"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThat(run("--encoding", "UTF-8", dir.toString())).isEqualTo(ExitCode.INPUT_ERRORS.code());
    assertThat(err.toString()).contains("Latin.java: error: cannot decode as UTF-8 on line 1");
    assertThat(run("--encoding", "klingon", dir.toString())).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("--encoding klingon: unknown encoding 'klingon'");
  }

  @Test
  void anUnreadableFileIsAnInputErrorAndTheRestIsStillAnalysed() throws IOException {
    write("Clean.java", CLEAN);
    Path dangling = dir.resolve("Gone.java");
    Files.createSymbolicLink(dangling, dir.resolve("deleted/Gone.java"));
    Path locked = write("Locked.java", CLEAN.replace("class Clean", "class Locked"));
    boolean canLock =
        locked.toFile().setReadable(false, false) && !Files.isReadable(locked); // not as root
    assertThat(run(dir.toString())).isEqualTo(ExitCode.INPUT_ERRORS.code());
    assertThat(err.toString()).contains("Gone.java: error: broken symbolic link; skipped");
    if (canLock) {
      assertThat(err.toString()).contains("Locked.java: error: cannot read");
    }
    assertThat(err.toString()).contains("no findings in");
    assertThat(err.toString()).doesNotContain("Exception");
  }

  @Test
  void quietPrintsFindingsOnlyAndThreadsAreHonoured() throws IOException {
    write("Leaky.java", LEAKY);
    assertThat(run("-q", "--threads", "1", dir.toString())).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(out.toString()).contains("[TX001]");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void javaLevelDecidesWhatVarMeans() throws IOException {
    write(
        "VarDao.java",
        """
        class VarDao {
          void save(javax.sql.DataSource ds) throws java.sql.SQLException {
            var conn = ds.getConnection();
            conn.setAutoCommit(false);
            conn.createStatement().executeUpdate("insert into t values (1)");
            conn.createStatement().executeUpdate("insert into t values (2)");
            conn.commit();
          }
        }
        """);
    assertThat(run(dir.toString())).isEqualTo(ExitCode.FINDINGS.code());
    // Before Java 10, 'var' is the name of a class, which is unknown here: no transaction to judge.
    // (TX009 judges the getConnection() call itself, whatever the variable's type, so it is off.)
    assertThat(run("--java-level", "8", "--disable", "TX009", dir.toString()))
        .isEqualTo(ExitCode.CLEAN.code());
  }

  @Test
  void springVersionDecidesWhetherProtectedTransactionalMethodsAreProxied() throws IOException {
    write(
        "Accounts.java",
        """
        import org.springframework.transaction.annotation.Transactional;
        class Accounts {
          @Transactional
          protected void freeze(long id) {}
        }
        """);
    assertThat(run(dir.toString())).isEqualTo(ExitCode.CLEAN.code());
    assertThat(run("--spring-version", "5", dir.toString())).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(out.toString()).contains("[TX004] Spring before 6 applies @Transactional");
    assertThat(run("--spring-version", "five", dir.toString())).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("unknown Spring version 'five'");
  }

  @Test
  void helpListsOptionsAndExitCodes() {
    assertThat(run("--help")).isEqualTo(ExitCode.CLEAN.code());
    for (String option :
        new String[] {
          "--config",
          "--classpath",
          "--enable",
          "--disable",
          "--format",
          "--output-dir",
          "--baseline",
          "--fail-on",
          "--explain",
          "--java-level"
        }) {
      assertThat(out.toString()).contains(option);
    }
    assertThat(out.toString()).contains("Exit codes:");
    assertThat(out.toString()).contains("4   internal error");
  }

  @Test
  void aMissingPathIsAClearInputError() {
    assertThat(run(dir.resolve("nope").toString())).isEqualTo(ExitCode.INPUT_ERRORS.code());
    assertThat(err.toString()).contains("nope: error: no such file or directory");
  }

  @Test
  void anEmptyDirectorySaysSo() {
    assertThat(run(dir.toString())).isEqualTo(ExitCode.CLEAN.code());
    assertThat(err.toString()).contains("no .java files found");
  }

  @Test
  void aDirectoryLoopIsReportedNotFollowedForever() throws IOException {
    write("src/Leaky.java", LEAKY);
    Files.createSymbolicLink(dir.resolve("src/loop"), dir.resolve("src"));
    assertThat(run(dir.toString())).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(err.toString()).contains("directory loop");
    assertThat(out.toString().lines().count()).isEqualTo(1);
  }

  @Test
  void suppressionsSilenceFindings() throws IOException {
    write(
        "Leaky.java",
        LEAKY.replace(
            "conn.setAutoCommit(false);", "conn.setAutoCommit(false); // NOTXCHECK TX001 legacy"));
    assertThat(run(dir.toString())).isEqualTo(ExitCode.CLEAN.code());
    write(
        "Leaky.java",
        LEAKY.replace("  void save", "  @SuppressWarnings(\"txcheck:TX001\")\n  void save"));
    assertThat(run(dir.toString())).isEqualTo(ExitCode.CLEAN.code());
    write(
        "Leaky.java",
        LEAKY.replace(
            "conn.setAutoCommit(false);", "conn.setAutoCommit(false); // NOTXCHECK TX002"));
    assertThat(run(dir.toString())).isEqualTo(ExitCode.FINDINGS.code());
  }

  @Test
  void includeAndExcludeGlobsPickTheFiles() throws IOException {
    write("src/dao/Leaky.java", LEAKY);
    write("src/generated/Gen.java", LEAKY.replace("class Leaky", "class Gen"));
    assertThat(run("--exclude", "**/generated/**", dir.toString()))
        .isEqualTo(ExitCode.FINDINGS.code());
    assertThat(out.toString()).contains("Leaky.java");
    assertThat(out.toString()).doesNotContain("Gen.java");
    assertThat(err.toString()).contains("in 1 file");
    assertThat(run("--include", "**/generated/**", dir.toString()))
        .isEqualTo(ExitCode.FINDINGS.code());
    assertThat(out.toString()).contains("Gen.java");
  }

  @Test
  void disabledRulesDoNotRun() throws IOException {
    write("Leaky.java", LEAKY);
    assertThat(run("--disable", "tx001", dir.toString())).isEqualTo(ExitCode.CLEAN.code());
  }

  @Test
  void aConfigFileTurnsRulesOffAndFlagsOverrideIt() throws IOException {
    write("Leaky.java", LEAKY);
    Path config = write("conf/tx-check.yml", "rules:\n  TX001: off\n");
    assertThat(run("--config", config.toString(), dir.toString())).isEqualTo(ExitCode.CLEAN.code());
    assertThat(run("--config", config.toString(), "--enable", "TX001", dir.toString()))
        .isEqualTo(ExitCode.FINDINGS.code());
  }

  @Test
  void aConfigFileSetsSeveritiesExcludesAndHelpers() throws IOException {
    write("gen/Leaky.java", LEAKY);
    write(
        "Finish.java",
        """
        import java.sql.Connection;
        import java.sql.SQLException;
        class Finish {
          void save(Connection conn) throws SQLException {
            com.acme.TxUtil.start(conn);
            conn.prepareStatement("insert into t values (1)").executeUpdate();
            conn.prepareStatement("insert into t values (2)").executeUpdate();
            conn.commit();
          }
        }
        """);
    Path config =
        write(
            "tx-check.yml",
            """
            rules:
              TX001: info
            exclude: ['gen/**']
            api:
              - 'begin com.acme.TxUtil#start(_) on=arg0'
            """);
    assertThat(run("--config", config.toString(), "--fail-on", "warning", dir.toString()))
        .isEqualTo(ExitCode.CLEAN.code());
    assertThat(out.toString()).contains("Finish.java:5:");
    assertThat(out.toString()).contains("info: [TX001]");
    assertThat(out.toString()).doesNotContain("Leaky.java");
  }

  @Test
  void aBadConfigFileIsAUsageErrorNamingFileLineKeyAndValue() throws IOException {
    write("Leaky.java", LEAKY);
    Path config = write("tx-check.yml", "rules:\n  TX001: maybe\n");
    assertThat(run("--config", config.toString(), dir.toString())).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString())
        .contains(
            config + ":2: rules.TX001: bad value 'maybe'; use on, off, error, warning or info");
    assertThat(out.toString()).isEmpty();

    Path typo = write("typo.yml", "exlude: ['gen/**']\n");
    assertThat(run("--config", typo.toString(), dir.toString())).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains(typo + ":1: unknown key 'exlude'");

    assertThat(run("--config", dir.resolve("absent.yml").toString(), dir.toString()))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("cannot read the configuration file");
  }

  @Test
  void aClasspathDecidesWhatBareSourcesCannot(@TempDir Path libraryDir) throws IOException {
    Path jar = LibraryJar.build(libraryDir, ClasspathTest.LIBRARY, "com/acme/");
    write(
        "OrderDao.java",
        """
        import com.acme.db.BaseDao;
        class OrderDao extends BaseDao {
          void save() throws java.sql.SQLException {
            connection.setAutoCommit(false);
            connection.createStatement().execute("insert into orders values (1)");
            connection.createStatement().execute("insert into orders values (2)");
            connection.commit();
          }
        }
        """);
    assertThat(run(dir.toString())).isEqualTo(ExitCode.CLEAN.code());
    assertThat(run("--classpath", jar.toString(), dir.toString()))
        .isEqualTo(ExitCode.FINDINGS.code());
    assertThat(out.toString()).contains("OrderDao.java:4:");

    Path broken = write("lib/broken.jar", "not a zip file");
    assertThat(run("-cp", broken + java.io.File.pathSeparator + jar, dir.toString()))
        .isEqualTo(ExitCode.FINDINGS.code());
    assertThat(err.toString()).contains(broken + ": error: cannot read this classpath entry");
  }

  @Test
  void usageErrorsExitTwoWithAMessage() {
    assertThat(run("--no-such-option", dir.toString())).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("--no-such-option");
    assertThat(run("--disable", "TX999", dir.toString())).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("--disable TX999: unknown rule 'TX999'");
    assertThat(run("--enable", "TX998", dir.toString())).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("--enable TX998: unknown rule 'TX998'");
    assertThat(run("--java-level", "99", dir.toString())).isEqualTo(ExitCode.USAGE.code());
    assertThat(run()).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("no PATH given");
  }

  @Test
  void aBadApiFileNamesTheLine() throws IOException {
    Path api =
        write("my.api", "begin com.acme.TxUtil#begin(_) on=arg0\ncomit com.acme.TxUtil#end(_)\n");
    assertThat(run("--api", api.toString(), dir.toString())).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("my.api:2: unknown effect 'comit'");
  }

  @Test
  void apiFilesTeachOwnHelpers() throws IOException {
    write(
        "Service.java",
        """
        import com.acme.TxUtil;
        import java.sql.Connection;
        class Service {
          void save(Connection conn) throws Exception {
            TxUtil.begin(conn);
            conn.prepareStatement("insert into t values (1)").executeUpdate();
            conn.prepareStatement("insert into t values (2)").executeUpdate();
            TxUtil.end(conn);
          }
        }
        """);
    Path api =
        write(
            "my.api",
            "begin com.acme.TxUtil#begin(_) on=arg0\ncommit com.acme.TxUtil#end(_) on=arg0\n");
    assertThat(run(dir.toString())).isEqualTo(ExitCode.CLEAN.code());
    assertThat(run("--api", api.toString(), dir.toString())).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(out.toString()).contains("Service.java:5:5: error: [TX001]");
  }

  @Test
  void reportsGoToStdoutOrToFiles() throws IOException {
    write("Leaky.java", LEAKY);
    assertThat(run("--format", "json", dir.toString())).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(out.toString()).startsWith("{\n  \"schemaVersion\" : 1,");
    assertThat(out.toString()).contains("\"ruleId\" : \"TX001\"");

    Path reports = dir.resolve("reports");
    assertThat(
            run(
                "--format",
                "json,checkstyle",
                "--format",
                "github",
                "--output-dir",
                reports.toString(),
                dir.toString()))
        .isEqualTo(ExitCode.FINDINGS.code());
    try (var files = Files.list(reports)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactly("tx-check.json", "tx-check-checkstyle.xml", "tx-check-github.txt");
    }
    assertThat(Files.readString(reports.resolve("tx-check-github.txt")))
        .startsWith("::error file=");

    Path single = dir.resolve("one/report.xml");
    assertThat(run("--format", "checkstyle", "--output", single.toString(), dir.toString()))
        .isEqualTo(ExitCode.FINDINGS.code());
    assertThat(Files.readString(single)).contains("source=\"tx-check.TX001\"");
  }

  @Test
  void aReportThatCannotBeWrittenIsNamedWithTheReason() throws IOException {
    write("Leaky.java", LEAKY);
    Path notADirectory = write("reports", "a file");
    Path report = notADirectory.resolve("tx-check.json");
    assertThat(run("--format", "json", "--output", report.toString(), dir.toString()))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString())
        .contains(
            "tx-check: cannot write "
                + report
                + ": "
                + notADirectory
                + " is a file, not a directory");
    assertThat(err.toString()).doesNotContain(".tmp");
  }

  @Test
  void reportOptionsThatContradictAreUsageErrors() {
    assertThat(run("--format", "json,checkstyle", dir.toString())).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("several formats need --output-dir");
    assertThat(run("--format", "sarif9", dir.toString())).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("unknown format 'sarif9'");
    assertThat(run("--output", "a.json", "--output-dir", "d", dir.toString()))
        .isEqualTo(ExitCode.USAGE.code());
  }

  @Test
  void aBaselineAcceptsExistingFindingsAndANewOneStillFails() throws IOException {
    write("Leaky.java", LEAKY);
    Path baseline = dir.resolve("tx-check-baseline.json");
    assertThat(run("--write-baseline", baseline.toString(), dir.toString()))
        .isEqualTo(ExitCode.CLEAN.code());
    assertThat(Files.readString(baseline)).contains("\"ruleId\" : \"TX001\"");

    // Code above the finding moves it down two lines: still accepted.
    write("Leaky.java", "// moved\n// down\n" + LEAKY);
    assertThat(run("--baseline", baseline.toString(), dir.toString()))
        .isEqualTo(ExitCode.CLEAN.code());
    assertThat(err.toString()).contains("1 findings accepted by the baseline");

    write("Leaky2.java", LEAKY.replace("class Leaky", "class Leaky2"));
    assertThat(run("--baseline", baseline.toString(), dir.toString()))
        .isEqualTo(ExitCode.FINDINGS.code());
    assertThat(out.toString()).contains("Leaky2.java");
    assertThat(out.toString()).doesNotContain("Leaky.java:");
  }

  private static final String TWO_LEAKS =
      """
      import java.sql.Connection;
      import java.sql.SQLException;
      class Orders {
        void helper() {}

        void save(Connection conn) throws SQLException {
          conn.setAutoCommit(false);
          conn.prepareStatement("insert into orders values (1)").executeUpdate();
          conn.prepareStatement("insert into orders values (2)").executeUpdate();
          conn.commit();
        }

        void cancel(Connection conn) throws SQLException {
          conn.setAutoCommit(false);
          conn.prepareStatement("delete from orders where id = 1").executeUpdate();
          conn.prepareStatement("delete from orders where id = 2").executeUpdate();
          conn.commit();
        }
      }
      """;

  @Test
  void aBaselineSurvivesEditsAroundItsFindingsAndCountsFixedOnes() throws IOException {
    write("Orders.java", TWO_LEAKS);
    Path baseline = dir.resolve("baseline.json");
    assertThat(run("--write-baseline", baseline.toString(), dir.toString()))
        .isEqualTo(ExitCode.CLEAN.code());
    assertThat(err.toString()).contains("recorded 2 findings");

    // Lines inserted above, another method renamed: both findings are still accepted.
    String edited =
        "// Copyright notice\n\n" + TWO_LEAKS.replace("void helper()", "void renamedHelper()");
    write("Orders.java", edited);
    assertThat(run("--baseline", baseline.toString(), dir.toString()))
        .isEqualTo(ExitCode.CLEAN.code());
    assertThat(err.toString()).contains("2 findings accepted by the baseline");
    assertThat(err.toString()).doesNotContain("match no finding");

    // cancel() is fixed (its transaction removed): its baseline entry no longer matches.
    write(
        "Orders.java",
        edited.replace(
            "conn.setAutoCommit(false);\n    conn.prepareStatement(\"delete",
            "conn.prepareStatement(\"delete"));
    assertThat(run("--baseline", baseline.toString(), dir.toString()))
        .isEqualTo(ExitCode.CLEAN.code());
    assertThat(err.toString())
        .contains("1 baseline entries match no finding any more (fixed or changed code)");

    // The method with the finding is itself renamed: a new finding, which fails the build.
    write("Orders.java", TWO_LEAKS.replace("void save(", "void store("));
    assertThat(run("--baseline", baseline.toString(), dir.toString()))
        .isEqualTo(ExitCode.FINDINGS.code());
    assertThat(out.toString()).contains("Orders.java:7:");
  }

  @Test
  void aBrokenBaselineIsAUsageError() throws IOException {
    Path baseline = write("baseline.json", "{ \"findings\": [ oops");
    assertThat(run("--baseline", baseline.toString(), dir.toString()))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("baseline.json:1: not valid JSON");
  }

  @Test
  void failOnAndSeverityDecideTheExitCode() throws IOException {
    write("Leaky.java", LEAKY); // one TX001 finding, an error by default
    assertThat(run("--fail-on", "never", dir.toString())).isEqualTo(ExitCode.CLEAN.code());
    assertThat(run("--severity", "TX001=warning", "--fail-on", "error", dir.toString()))
        .isEqualTo(ExitCode.CLEAN.code());
    assertThat(out.toString()).contains("warning: [TX001]");
    assertThat(run("--severity", "TX001=warning", "--fail-on", "warning", dir.toString()))
        .isEqualTo(ExitCode.FINDINGS.code());
    assertThat(run("--fail-on", "sometimes", dir.toString())).isEqualTo(ExitCode.USAGE.code());
    assertThat(run("--severity", "TX001=fatal", dir.toString())).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("--severity TX001: unknown level 'fatal'");
  }

  @Test
  void explainPrintsTheRulePage() {
    assertThat(run("--explain", "tx002")).isEqualTo(0);
    assertThat(out.toString()).startsWith("TX002 commit-in-loop\n====================\n");
    assertThat(out.toString()).contains("\nThe problem\n-----------\n");
    assertThat(out.toString())
        .contains("\n    OrderDao.java:37:9: warning: [TX002]"); // code indented
    assertThat(out.toString()).doesNotContain("```");
    assertThat(out.toString()).doesNotContain("**Severity");
    assertThat(run("--explain", "TX999")).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("no rule 'TX999'");
  }

  @Test
  void listRulesAndVersion() {
    assertThat(run("--list-rules")).isEqualTo(0);
    assertThat(out.toString()).contains("TX001  missing-rollback");
    assertThat(out.toString()).contains("TX003  swallowed-exception");
    // the columns line up, however long the rule names are
    List<Integer> summaryColumns =
        out.toString()
            .lines()
            .map(line -> line.indexOf(" " + line.split("\\s+")[2] + " ") + 1)
            .distinct()
            .toList();
    assertThat(summaryColumns).hasSize(1);
    assertThat(run("--version")).isEqualTo(0);
    assertThat(out.toString()).containsMatch("tx-check \\d+\\.\\d+");
  }
}
