package com.acme.bank;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Moves money; a failure rolls the transaction back. */
public class TransferService {
  public void transfer(Connection conn, long from, long to, long cents) throws SQLException {
    conn.setAutoCommit(false);
    try (Statement st = conn.createStatement()) {
      st.executeUpdate("update account set cents = cents - " + cents + " where id = " + from);
      st.executeUpdate("update account set cents = cents + " + cents + " where id = " + to);
      conn.commit();
    } catch (SQLException | RuntimeException e) {
      conn.rollback();
      throw e;
    }
  }
}
