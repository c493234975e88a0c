package com.acme.bank;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Moves money; a failed credit leaves the transaction open. Überweisung: 10 €. */
public class TransferService {
  public void transfer(Connection conn, long from, long to, long cents) throws SQLException {
    conn.setAutoCommit(false);
    try (Statement st = conn.createStatement()) {
      st.executeUpdate("update account set cents = cents - " + cents + " where id = " + from);
      st.executeUpdate("update account set cents = cents + " + cents + " where id = " + to);
    }
    conn.commit();
  }
}
