package com.acme.bank;

import java.sql.Connection;
import java.sql.SQLException;

/** Test data loader with the bug: only seen with includeTests. */
public class TestData {
  public static void load(Connection conn) throws SQLException {
    conn.setAutoCommit(false);
    try {
      conn.createStatement().executeUpdate("insert into account values (1, 100)");
      conn.createStatement().executeUpdate("insert into account values (2, 100)");
    } finally {
      conn.commit();
    }
  }
}
