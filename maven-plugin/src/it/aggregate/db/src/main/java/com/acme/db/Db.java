package com.acme.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The application's connection factory: connections come out in manual-commit mode. */
public final class Db {
  private Db() {}

  public static Connection open(DataSource dataSource) throws SQLException {
    Connection conn = dataSource.getConnection();
    conn.setAutoCommit(false);
    return conn;
  }

  /** Deletes old rows; a failed delete leaves the transaction open. */
  public static void purge(Connection conn, String table) throws SQLException {
    conn.setAutoCommit(false);
    try (Statement st = conn.createStatement()) {
      st.executeUpdate("delete from " + table + " where created < now() - interval '1 year'");
    }
    conn.commit();
  }
}
