package dev.txcheck.engine;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.finding.Finding;
import dev.txcheck.types.ClasspathTest;
import dev.txcheck.types.LibraryJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis end to end on small trees: prefilter, suppressions, fingerprints, order, cross-file
 * helpers.
 */
class AnalyzerTest {
  @TempDir Path dir;

  private static final String LEAK =
      """
      import java.sql.*;
      class %s {
        void a(Connection c) throws SQLException {
          c.setAutoCommit(false);%s
          c.createStatement().execute("x");
          c.createStatement().execute("y");
          c.commit();
        }
      }
      """;

  private AnalysisResult run() throws Exception {
    return new Analyzer().run(AnalysisRequest.builder(List.of(dir)).threads(2).build());
  }

  private void write(String name, String code) throws Exception {
    Files.writeString(dir.resolve(name), code);
  }

  @Test
  void filesWithoutTransactionWordsAreNotParsed() throws Exception {
    write("Plain.java", "class Plain { void f() { int x = ; } }"); // broken, but never parsed
    write("Leak.java", LEAK.formatted("Leak", ""));
    AnalysisResult result = run();
    assertThat(result.filesFound()).isEqualTo(2);
    assertThat(result.filesParsed()).isEqualTo(1);
    assertThat(result.errors()).isEmpty();
    assertThat(result.findings()).hasSize(1);
  }

  @Test
  void fingerprintsSurviveLineShiftsAndDifferPerRuleAndFile() throws Exception {
    write("Leak.java", LEAK.formatted("Leak", ""));
    Finding before = run().findings().get(0);
    write("Leak.java", "// a new first line\n\n" + LEAK.formatted("Leak", ""));
    Finding after = run().findings().get(0);
    assertThat(after.line()).isEqualTo(before.line() + 2);
    assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
    assertThat(after.fingerprint()).matches("[0-9a-f]{16}");
    assertThat(after.enclosing()).isEqualTo("Leak.a(Connection)");
  }

  @Test
  void findingsAreSortedByFileThenLine() throws Exception {
    write("B.java", LEAK.formatted("B", ""));
    write("A.java", LEAK.formatted("A", ""));
    List<Finding> findings = run().findings();
    assertThat(findings.stream().map(f -> Path.of(f.file()).getFileName().toString()).toList())
        .containsExactly("A.java", "B.java")
        .inOrder();
  }

  @Test
  void aBaseDirectoryMakesFileNamesRelativeAndFingerprintsIndependentOfIt(@TempDir Path other)
      throws Exception {
    Path module = Files.createDirectories(dir.resolve("module/src/main/java"));
    Files.writeString(module.resolve("Leak.java"), LEAK.formatted("Leak", ""));
    Path base = dir.resolve("module");
    Finding here =
        new Analyzer()
            .run(
                AnalysisRequest.builder(List.of(module.toAbsolutePath()))
                    .baseDirectory(base)
                    .build())
            .findings()
            .get(0);
    assertThat(here.file()).isEqualTo("src/main/java/Leak.java");

    Path copy = Files.createDirectories(other.resolve("elsewhere/src/main/java"));
    Files.writeString(copy.resolve("Leak.java"), LEAK.formatted("Leak", ""));
    Finding there =
        new Analyzer()
            .run(
                AnalysisRequest.builder(List.of(copy))
                    .baseDirectory(other.resolve("elsewhere"))
                    .build())
            .findings()
            .get(0);
    assertThat(there.fingerprint()).isEqualTo(here.fingerprint());
  }

  @Test
  void filesOutsideTheBaseDirectoryKeepTheirPath() throws Exception {
    write("Leak.java", LEAK.formatted("Leak", ""));
    Finding finding =
        new Analyzer()
            .run(
                AnalysisRequest.builder(List.of(dir))
                    .baseDirectory(dir.resolve("unrelated"))
                    .build())
            .findings()
            .get(0);
    assertThat(finding.file())
        .isEqualTo(dir.resolve("Leak.java").normalize().toString().replace('\\', '/'));
  }

  @Test
  void suppressionByCommentNamesTheRule() throws Exception {
    write(
        "Leak.java",
        LEAK.formatted("Leak", "").replace("(false);", "(false); // NOTXCHECK TX001 legacy"));
    assertThat(run().findings()).isEmpty();
    write("Leak.java", LEAK.formatted("Leak", "").replace("(false);", "(false); // NOTXCHECK"));
    assertThat(run().findings()).isEmpty();
    write(
        "Leak.java", LEAK.formatted("Leak", "").replace("(false);", "(false); // NOTXCHECK TX003"));
    assertThat(run().findings()).hasSize(1);
    write(
        "Leak.java",
        LEAK.formatted("Leak", "")
            .replace("class Leak", "@SuppressWarnings({\"unused\", \"txcheck\"}) class Leak"));
    assertThat(run().findings()).isEmpty();
  }

  @Test
  void aRollbackHelperInAnotherFileCounts() throws Exception {
    write(
        "Db.java",
        """
        import java.sql.*;
        final class Db {
          static void rollbackQuietly(Connection c) {
            try { c.rollback(); } catch (SQLException ignored) { }
          }
        }
        """);
    write(
        "Dao.java",
        """
        import java.sql.*;
        class Dao {
          void save(Connection c) throws SQLException {
            c.setAutoCommit(false);
            try {
              c.createStatement().execute("x");
              c.commit();
            } catch (SQLException | RuntimeException e) {
              Db.rollbackQuietly(c);
              throw e;
            }
          }
        }
        """);
    assertThat(run().findings()).isEmpty();
  }

  @Test
  void aMetaAnnotationFileIsFoundInTheSecondLook() throws Exception {
    write(
        "TxService.java",
        """
        import org.springframework.transaction.annotation.Transactional;
        @Transactional @interface TxService {}
        """);
    write(
        "OrderService.java",
        """
        @TxService
        class OrderService {
          private OrderDao dao;
          public void place(Object o) {
            try { dao.insert(o); } catch (IllegalStateException e) { System.out.println(e); }
          }
        }
        """);
    AnalysisResult result = run();
    assertThat(result.findings()).hasSize(1);
    assertThat(result.findings().get(0).ruleId()).isEqualTo("TX003");
    assertThat(result.findings().get(0).message()).contains("@TxService");
  }

  @Test
  void aClasspathTellsTheSupertypesAndFieldsOfLibraryTypes(@TempDir Path libraryDir)
      throws Exception {
    Path jar = LibraryJar.build(libraryDir, ClasspathTest.LIBRARY, "com/acme/");
    write(
        "Billing.java",
        """
        import com.acme.db.AcmeTxManager;
        import org.springframework.transaction.TransactionStatus;
        class Billing {
          private AcmeTxManager txManager;
          void charge() throws Exception {
            TransactionStatus status = txManager.getTransaction(null);
            bill();
            txManager.commit(status);
          }
          void bill() throws Exception {}
        }
        """);
    write(
        "OrderDao.java",
        """
        import com.acme.db.*;
        class OrderDao extends BaseDao {
          void save() throws java.sql.SQLException {
            connection.setAutoCommit(false);
            connection.createStatement().execute("insert into orders values (1)");
            connection.createStatement().execute("insert into order_lines values (1, 1)");
            connection.commit();
          }
        }
        """);
    assertThat(run().findings()).isEmpty(); // without a classpath both types are unknown
    AnalysisResult result =
        new Analyzer()
            .run(AnalysisRequest.builder(List.of(dir)).threads(2).classpath(List.of(jar)).build());
    assertThat(result.errors()).isEmpty();
    assertThat(
            result.findings().stream().map(f -> Path.of(f.file()).getFileName() + ":" + f.line()))
        .containsExactly("Billing.java:6", "OrderDao.java:4");
  }
}
