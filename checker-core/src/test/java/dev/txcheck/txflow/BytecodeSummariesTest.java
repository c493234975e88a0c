package dev.txcheck.txflow;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.txapi.Effect;
import dev.txcheck.types.Classpath;
import dev.txcheck.types.LibraryJar;
import dev.txcheck.types.ProjectIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BytecodeSummariesTest {
  private static final ApiCatalog CATALOG = ApiCatalog.bundled();

  private static final Map<String, String> LIBRARY =
      Map.of(
          "com.acme.db.Db",
          """
          package com.acme.db;
          import java.sql.*;
          public class Db {
            static java.util.List<Connection> kept = new java.util.ArrayList<>();
            private Connection shared;
            public static Connection open(javax.sql.DataSource ds) throws SQLException {
              Connection c = ds.getConnection();
              c.setAutoCommit(false);
              return c;
            }
            public static void rollbackQuietly(Connection c) {
              if (c != null) {
                try { c.rollback(); } catch (SQLException ignored) { }
              }
            }
            public static void closeBoth(Statement s, Connection c) throws SQLException {
              s.close();
              c.close();
            }
            public static int count(Connection c) throws SQLException {
              try (Statement s = c.createStatement()) {
                return s.executeUpdate("delete from t");
              }
            }
            public static void keep(Connection c) { kept.add(c); }
            public void commitShared() throws SQLException { shared.commit(); }
            public static void viaHelper(Connection c) { rollbackQuietly(c); }
          }
          """);

  @TempDir Path dir;

  private BytecodeSummaries summaries() throws Exception {
    Path jar = LibraryJar.build(dir, LIBRARY, "com/acme/");
    Classpath classpath = Classpath.open(List.of(jar), (entry, problem) -> {});
    return new BytecodeSummaries(CATALOG, ProjectIndex.build(List.of(), CATALOG, classpath));
  }

  @Test
  void effectsOnParametersComeFromTheCatalogLinesOfTheInstructions() throws Exception {
    BytecodeSummaries summaries = summaries();
    MethodSummary rollback = summaries.summaryOf("com.acme.db.Db", "rollbackQuietly", 1);
    assertThat(rollback.parameterEffects()).containsExactly(0, Set.of(Effect.ROLLBACK));
    assertThat(rollback.certainEffects()).isEmpty(); // under a null check
    MethodSummary close = summaries.summaryOf("com.acme.db.Db", "closeBoth", 2);
    assertThat(close.parameterEffects().get(1)).contains(Effect.CLOSE);
    assertThat(close.certainEffects().get(1)).contains(Effect.CLOSE);
    assertThat(summaries.summaryOf("com.acme.db.Db", "viaHelper", 1).parameterEffects())
        .containsExactly(0, Set.of(Effect.ROLLBACK));
  }

  @Test
  void aFactoryReturnsAFreshResourceInManualCommitMode() throws Exception {
    MethodSummary open = summaries().summaryOf("com.acme.db.Db", "open", 1);
    assertThat(open.returned()).containsExactly(Effect.OPEN, Effect.BEGIN, Effect.LAZY);
  }

  @Test
  void writesAndKeptParametersAreKnown() throws Exception {
    BytecodeSummaries summaries = summaries();
    MethodSummary count = summaries.summaryOf("com.acme.db.Db", "count", 1);
    assertThat(count.writes()).isTrue();
    assertThat(count.kept()).isEmpty(); // borrowed
    assertThat(summaries.summaryOf("com.acme.db.Db", "keep", 1).kept()).containsExactly(0);
  }

  @Test
  void effectsOnFieldsOfTheReceiver() throws Exception {
    MethodSummary commit = summaries().summaryOf("com.acme.db.Db", "commitShared", 0);
    assertThat(commit.fieldEffects())
        .containsExactly("field:com.acme.db.Db.shared", Set.of(Effect.COMMIT));
  }

  @Test
  void unknownMethodsHaveNoSummary() throws Exception {
    assertThat(summaries().summaryOf("com.acme.db.Db", "missing", 0))
        .isSameInstanceAs(MethodSummary.NONE);
    assertThat(summaries().summaryOf("com.acme.db.Nowhere", "open", 1))
        .isSameInstanceAs(MethodSummary.NONE);
  }
}
