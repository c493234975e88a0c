package dev.txcheck.engine;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.finding.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incremental cache: every cached run must give exactly the findings and errors of a run
 * without it on the same files, and the cache must have served (reused, or checked again only what
 * depends on a change), or the test would pass without it.
 */
class IncrementalCacheTest {
  @TempDir Path dir;
  @TempDir Path other;

  private Path cache() {
    return other.resolve("cache.bin");
  }

  private static final String HELPERS =
      """
      package app;

      import java.sql.Connection;
      import java.sql.SQLException;

      public final class Helpers {
        private Helpers() {}

        public static void rollbackQuietly(Connection c) {
          try {
            c.rollback();
          } catch (SQLException e) {
            System.err.println(e);
          }
        }

        public static void commitLogged(Connection c) throws SQLException {
          c.commit();
        }
      }
      """;

  private static final String DAO =
      """
      package app;

      import java.sql.Connection;
      import java.sql.SQLException;

      class Dao {
        void save(Connection c) throws SQLException {
          c.setAutoCommit(false);
          try {
            c.createStatement().executeUpdate("insert into t values (1)");
            c.createStatement().executeUpdate("insert into t values (2)");
            c.commit();
          } catch (SQLException e) {
            Helpers.rollbackQuietly(c);
            throw e;
          }
        }
      }
      """;

  private static final String OTHER =
      """
      package app;

      import java.sql.Connection;
      import java.sql.SQLException;

      class Other {
        void a(Connection c) throws SQLException {
          c.setAutoCommit(false);
          c.createStatement().execute("x");
          c.createStatement().execute("y");
          c.commit();
        }
      }
      """;

  private void write(String name, String code) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, code);
  }

  private void edit(String name, UnaryOperator<String> change) throws IOException {
    Path file = dir.resolve(name);
    String before = Files.readString(file);
    String after = change.apply(before);
    assertThat(after).isNotEqualTo(before);
    Files.writeString(file, after);
  }

  private AnalysisRequest.Builder request() {
    return AnalysisRequest.builder(List.of(dir)).threads(2);
  }

  private AnalysisResult cached(AnalysisRequest.Builder request) throws Exception {
    return new Analyzer().withCache(cache()).run(request.build());
  }

  private AnalysisResult cached() throws Exception {
    return cached(request());
  }

  /** A cached run, checked against a run without the cache on the same files. */
  private AnalysisResult sameAsWithout(AnalysisRequest.Builder request) throws Exception {
    AnalysisResult with = cached(request);
    AnalysisResult without = new Analyzer().run(request.build());
    assertThat(with.findings()).containsExactlyElementsIn(without.findings()).inOrder();
    assertThat(with.errors()).containsExactlyElementsIn(without.errors()).inOrder();
    assertThat(with.filesFound()).isEqualTo(without.filesFound());
    assertThat(with.filesParsed()).isEqualTo(without.filesParsed());
    assertThat(with.linesParsed()).isEqualTo(without.linesParsed());
    assertThat(with.cache().warning()).isNull();
    return with;
  }

  private AnalysisResult sameAsWithout() throws Exception {
    return sameAsWithout(request());
  }

  private static List<Finding> in(AnalysisResult result, String fileName) {
    return result.findings().stream().filter(f -> f.file().endsWith(fileName)).toList();
  }

  private void project() throws IOException {
    write("app/Helpers.java", HELPERS);
    write("app/Dao.java", DAO);
    write("app/Other.java", OTHER);
  }

  @Test
  void editingAHelperMakesTheFindingInItsCallerAppearAndDisappear() throws Exception {
    project();
    AnalysisResult cold = sameAsWithout();
    assertThat(cold.cache().state()).isEqualTo(CacheUse.State.WRITTEN);
    assertThat(in(cold, "Dao.java")).isEmpty();
    assertThat(in(cold, "Other.java")).hasSize(1);

    // The helper no longer rolls back: the caller in another file leaves its transaction open.
    edit("app/Helpers.java", s -> s.replace("c.rollback();", "c.getAutoCommit();"));
    AnalysisResult broken = sameAsWithout();
    assertThat(broken.cache().state()).isEqualTo(CacheUse.State.UPDATED);
    assertThat(broken.cache().changedFiles()).isEqualTo(1);
    assertThat(in(broken, "Dao.java")).hasSize(1);
    assertThat(in(broken, "Dao.java").get(0).ruleId()).isEqualTo("TX001");
    // Helpers and its caller, not the file that does not depend on them.
    assertThat(broken.cache().checkedFiles()).isEqualTo(2);

    edit("app/Helpers.java", s -> s.replace("c.getAutoCommit();", "c.rollback();"));
    AnalysisResult fixed = sameAsWithout();
    assertThat(fixed.cache().state()).isEqualTo(CacheUse.State.UPDATED);
    assertThat(in(fixed, "Dao.java")).isEmpty();
    assertThat(fixed.findings()).isEqualTo(cold.findings());
  }

  @Test
  void editingTheHelperOfAHelperReachesTheCallerThroughTheRememberedSummary() throws Exception {
    write(
        "app/Inner.java",
        """
        package app;

        import java.sql.Connection;
        import java.sql.SQLException;

        final class Inner {
          static void undo(Connection c) throws SQLException {
            c.rollback();
          }

          static void keep(Connection c) throws SQLException {
            c.commit();
          }
        }
        """);
    write("app/Helpers.java", HELPERS.replace("c.rollback();", "Inner.undo(c);"));
    write("app/Dao.java", DAO);
    write("app/Other.java", OTHER);
    AnalysisResult cold = sameAsWithout();
    assertThat(in(cold, "Dao.java")).isEmpty();

    // The caller reads the helper's tree, not Inner's: only the helper's remembered summary,
    // computed before the checks, says that it depends on Inner.
    edit("app/Inner.java", s -> s.replace("c.rollback();", "c.getAutoCommit();"));
    AnalysisResult broken = sameAsWithout();
    assertThat(broken.cache().state()).isEqualTo(CacheUse.State.UPDATED);
    assertThat(in(broken, "Dao.java")).hasSize(1);
    assertThat(in(broken, "Other.java")).hasSize(1);
    assertThat(broken.cache().checkedFiles()).isLessThan(broken.filesParsed());
  }

  @Test
  void anUnchangedRerunReusesEverythingAndParsesNothing() throws Exception {
    project();
    write(
        "app/Broken.java",
        "package app; class Broken { void f(java.sql.Connection c) { c.commit( } }");
    AnalysisResult cold = sameAsWithout();
    assertThat(cold.cache().parses()).isGreaterThan(0L);
    assertThat(cold.errors()).hasSize(1);

    AnalysisResult warm = sameAsWithout();
    assertThat(warm.cache().state()).isEqualTo(CacheUse.State.REUSED);
    assertThat(warm.cache().parses()).isEqualTo(0L);
    assertThat(warm.cache().checkedFiles()).isEqualTo(0);
    assertThat(warm.findings()).isEqualTo(cold.findings());
    assertThat(warm.errors()).isEqualTo(cold.errors());
  }

  @Test
  void aChangedConfigurationOrApiFileInvalidatesTheCache() throws Exception {
    project();
    Path api = other.resolve("api.txt");
    Files.writeString(api, "# nothing yet\n");
    AnalysisRequest.Builder withApi = request().apiFiles(List.of(api));
    assertThat(sameAsWithout(withApi).cache().state()).isEqualTo(CacheUse.State.WRITTEN);
    assertThat(sameAsWithout(withApi).cache().state()).isEqualTo(CacheUse.State.REUSED);

    // The helper's effect, said by an API line instead: a different catalog, other findings.
    Files.writeString(api, "rollback app.Helpers#rollbackQuietly(_) on=arg0\n");
    AnalysisResult newApi = sameAsWithout(request().apiFiles(List.of(api)));
    assertThat(newApi.cache().state()).isEqualTo(CacheUse.State.WRITTEN);
    assertThat(newApi.cache().reason()).contains("configuration");

    AnalysisResult disabled = sameAsWithout(request().apiFiles(List.of(api)).disable("TX001"));
    assertThat(disabled.cache().state()).isEqualTo(CacheUse.State.WRITTEN);
    assertThat(disabled.findings()).isEmpty();

    AnalysisResult severity =
        sameAsWithout(
            request().apiFiles(List.of(api)).severity("TX001", dev.txcheck.finding.Severity.INFO));
    assertThat(severity.cache().state()).isEqualTo(CacheUse.State.WRITTEN);
    assertThat(severity.findings()).isNotEmpty();
  }

  @Test
  void aCorruptCacheFileIsIgnoredWithAWarning() throws Exception {
    project();
    AnalysisResult without = new Analyzer().run(request().build());
    Files.writeString(cache(), "not a cache at all");
    AnalysisResult garbage = cached();
    assertThat(garbage.cache().warning()).contains("ignoring the cache file");
    assertThat(garbage.cache().state()).isEqualTo(CacheUse.State.WRITTEN);
    assertThat(garbage.findings()).isEqualTo(without.findings());

    // Rewritten: the next run reuses it.
    assertThat(sameAsWithout().cache().state()).isEqualTo(CacheUse.State.REUSED);

    // Damaged in the middle, and cut short: both ignored.
    byte[] bytes = Files.readAllBytes(cache());
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(cache(), bytes);
    AnalysisResult damaged = cached();
    assertThat(damaged.cache().warning()).contains("checksum");
    assertThat(damaged.findings()).isEqualTo(without.findings());
    byte[] whole = Files.readAllBytes(cache());
    Files.write(cache(), java.util.Arrays.copyOf(whole, whole.length / 3));
    AnalysisResult truncated = cached();
    assertThat(truncated.cache().warning()).isNotNull();
    assertThat(truncated.findings()).isEqualTo(without.findings());
  }

  @Test
  void aCacheThatCannotBeWrittenIsAWarningNotAFailure() throws Exception {
    project();
    Path blocked = other.resolve("file-not-dir");
    Files.writeString(blocked, "x");
    AnalysisResult result =
        new Analyzer().withCache(blocked.resolve("cache.bin")).run(request().build());
    assertThat(result.cache().warning()).contains("cannot write the cache file");
    assertThat(result.findings()).isEqualTo(new Analyzer().run(request().build()).findings());
  }

  @Test
  void aDeletedFilesFindingsDisappear() throws Exception {
    project();
    assertThat(in(sameAsWithout(), "Other.java")).hasSize(1);
    Files.delete(dir.resolve("app/Other.java"));
    AnalysisResult after = sameAsWithout();
    assertThat(in(after, "Other.java")).isEmpty();
    assertThat(after.cache().state()).isEqualTo(CacheUse.State.WRITTEN);
    assertThat(after.cache().reason()).contains("added or removed");
  }

  @Test
  void aCommentThatMovesNoCodeChecksNothingAgain() throws Exception {
    project();
    sameAsWithout();
    edit("app/Helpers.java", s -> s + "// a note at the end\n");
    edit("app/Other.java", s -> s.replace("class Other {", "class Other { // trailing"));
    AnalysisResult result = sameAsWithout();
    assertThat(result.cache().state()).isEqualTo(CacheUse.State.UPDATED);
    assertThat(result.cache().changedFiles()).isEqualTo(2);
    assertThat(result.cache().checkedFiles()).isEqualTo(0);
  }

  @Test
  void aSuppressionCommentChecksItsOwnFileAgain() throws Exception {
    project();
    assertThat(in(sameAsWithout(), "Other.java")).hasSize(1);
    edit(
        "app/Other.java",
        s -> s.replace("c.setAutoCommit(false);", "c.setAutoCommit(false); // NOTXCHECK TX001"));
    AnalysisResult result = sameAsWithout();
    assertThat(in(result, "Other.java")).isEmpty();
    assertThat(result.cache().state()).isEqualTo(CacheUse.State.UPDATED);
    assertThat(result.cache().checkedFiles()).isEqualTo(1);
  }

  @Test
  void aLineShiftInAHelperChecksItsCallersAgain() throws Exception {
    project();
    sameAsWithout();
    // Facts unchanged, tree moved: whoever read the helper is checked again.
    edit(
        "app/Helpers.java",
        s -> s.replace("public final class Helpers {", "\npublic final class Helpers {"));
    AnalysisResult result = sameAsWithout();
    assertThat(result.cache().state()).isEqualTo(CacheUse.State.UPDATED);
    assertThat(result.cache().checkedFiles()).isEqualTo(2);
  }

  @Test
  void aClientInAFileWithoutTransactionWordsIsReadOnDemandAndItsChangeSeen() throws Exception {
    write(
        "app/Notifier.java",
        """
        package app;

        import org.springframework.web.client.RestTemplate;

        public class Notifier {
          private final RestTemplate rest = new RestTemplate();

          public void tell(String what) {
            rest.postForObject("http://example.com/notify", what, String.class);
          }
        }
        """);
    write(
        "app/OrderService.java",
        """
        package app;

        import org.springframework.transaction.annotation.Transactional;

        public class OrderService {
          private final Notifier notifier = new Notifier();

          @Transactional
          public void place(String order) {
            notifier.tell(order);
          }
        }
        """);
    write("app/Other.java", OTHER);
    AnalysisResult cold = sameAsWithout();
    assertThat(cold.filesParsed()).isEqualTo(2); // the notifier is skipped, read on demand
    assertThat(in(cold, "OrderService.java")).hasSize(1);
    assertThat(in(cold, "OrderService.java").get(0).ruleId()).isEqualTo("TX008");

    edit(
        "app/Notifier.java",
        s ->
            s.replace(
                "rest.postForObject(\"http://example.com/notify\", what, String.class);",
                "System.out.println(what);"));
    AnalysisResult after = sameAsWithout();
    assertThat(after.cache().state()).isEqualTo(CacheUse.State.UPDATED);
    assertThat(in(after, "OrderService.java")).isEmpty();
    assertThat(after.cache().checkedFiles()).isEqualTo(1);
  }

  @Test
  void aChangeOfWhatAFileDeclaresIsAFullAnalysis() throws Exception {
    project();
    sameAsWithout();
    edit(
        "app/Helpers.java",
        s -> s.replace("private Helpers() {}", "private Helpers() {}\n\n  static void more() {}"));
    AnalysisResult result = sameAsWithout();
    assertThat(result.cache().state()).isEqualTo(CacheUse.State.WRITTEN);
    assertThat(result.cache().reason()).contains("declarations");
    // And the rewritten cache serves the next run.
    assertThat(sameAsWithout().cache().state()).isEqualTo(CacheUse.State.REUSED);
  }

  @Test
  void aFileThatStopsMentioningTransactionsIsAFullAnalysis() throws Exception {
    project();
    sameAsWithout();
    write("app/Other.java", "package app;\n\nclass Other {\n  void a() {}\n}\n");
    AnalysisResult result = sameAsWithout();
    assertThat(result.cache().state()).isEqualTo(CacheUse.State.WRITTEN);
    assertThat(in(result, "Other.java")).isEmpty();
  }

  /**
   * The last round asks only the types that skipped files name. A skipped file that starts to use a
   * factory of the sources nobody named before must be parsed and checked, as without the cache.
   */
  @Test
  void aSkippedFileThatStartsUsingAFactoryNobodyNamedIsChecked() throws Exception {
    write(
        "app/Pool.java",
        """
        package app;

        import java.sql.Connection;
        import java.sql.SQLException;
        import javax.sql.DataSource;

        public final class Pool {
          private static DataSource source;

          private Pool() {}

          public static Connection manual() throws SQLException {
            Connection c = source.getConnection();
            c.setAutoCommit(false);
            return c;
          }
        }
        """);
    write("app/Report.java", "package app;\n\nclass Report {\n  void print() {}\n}\n");
    write("app/Other.java", OTHER);
    AnalysisResult cold = sameAsWithout();
    assertThat(in(cold, "Report.java")).isEmpty();

    write(
        "app/Report.java",
        """
        package app;

        class Report {
          void print() throws Exception {
            var c = Pool.manual();
            c.createStatement().executeUpdate("update report set printed = 1");
            c.prepareStatement("update report set copies = copies + 1").executeUpdate();
            c.close();
          }
        }
        """);
    AnalysisResult after = sameAsWithout();
    assertThat(in(after, "Report.java")).isNotEmpty();
    assertThat(after.cache().state()).isEqualTo(CacheUse.State.WRITTEN);
    assertThat(after.cache().reason()).contains("names a type whose methods were not summarised");
  }
}
