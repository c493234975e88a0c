package dev.txcheck.fixturelib;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** JDBC helpers that the fixtures only see as class files. */
public final class JdbcSupport {
  private static final List<Connection> REMEMBERED = new ArrayList<>();

  private JdbcSupport() {}

  /** A fresh connection in manual-commit mode. */
  public static Connection openForUpdate(DataSource dataSource) throws SQLException {
    Connection conn = dataSource.getConnection();
    conn.setAutoCommit(false);
    return conn;
  }

  /** Rolls back, ignoring a failure of the rollback itself. */
  public static void rollbackQuietly(Connection conn) {
    if (conn != null) {
      try {
        conn.rollback();
      } catch (SQLException ignored) {
        // the original failure matters more
      }
    }
  }

  /** Closes, ignoring failures. */
  public static void closeQuietly(Connection conn) {
    if (conn != null) {
      try {
        conn.close();
      } catch (SQLException ignored) {
        // nothing to do
      }
    }
  }

  /** Reads the connection's metadata: it borrows the connection and keeps nothing. */
  public static List<String> tableNames(Connection conn) throws SQLException {
    List<String> names = new ArrayList<>();
    DatabaseMetaData meta = conn.getMetaData();
    try (ResultSet tables = meta.getTables(null, null, "%", null)) {
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME"));
      }
    }
    return names;
  }

  /** Keeps the connection for later use: whoever calls this hands it over. */
  public static void remember(Connection conn) {
    REMEMBERED.add(conn);
  }
}
