package com.acme.bank;

import java.sql.Connection;
import java.sql.SQLException;

/** Written after the baseline was recorded: its bug must still fail the build. */
public class RefundService {
  public void refund(Connection conn, long account, long cents) throws SQLException {
    conn.setAutoCommit(false);
    conn.createStatement().executeUpdate("update account set cents = cents + " + cents + " where id = " + account);
    conn.createStatement().executeUpdate("insert into refund (account, cents) values (" + account + ", " + cents + ")");
    conn.commit();
  }
}
