package dev.txcheck.rules;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects on JBoss Logging log through their own message-logger interface, which extends {@code
 * BasicLogger}: a connection passed to it is logged, not handed over, so a factory that logs the
 * connection it returns still opens it for its caller.
 */
class JbossMessageLoggerTest {
  @TempDir Path dir;

  @Test
  void aConnectionLoggedByTheFactoryIsStillTheCallersToClose() throws Exception {
    Files.writeString(
        dir.resolve("Log.java"),
        """
        public interface Log extends org.jboss.logging.BasicLogger {}
        """);
    Files.writeString(
        dir.resolve("PooledConnections.java"),
        """
        import java.sql.Connection;
        import java.sql.SQLException;
        import javax.sql.DataSource;

        public class PooledConnections {
          private static Log log;
          private DataSource dataSource;

          public Connection getConnection() throws SQLException {
            Connection connection = dataSource.getConnection();
            log.tracef("Connection checked out: %s", connection);
            return connection;
          }
        }
        """);
    Files.writeString(
        dir.resolve("Purger.java"),
        """
        import java.sql.Connection;
        import java.sql.SQLException;

        public class Purger {
          private PooledConnections connections;

          public void purge() throws SQLException {
            Connection conn = connections.getConnection();
            conn.createStatement().executeUpdate("delete from expired");
          }
        }
        """);
    List<String> found =
        SourceAnalysis.findingsIn(dir).stream()
            .map(f -> Path.of(f.file()).getFileName() + ":" + f.ruleId() + ":" + f.line())
            .toList();
    assertThat(found).containsExactly("Purger.java:TX009:8");
  }
}
