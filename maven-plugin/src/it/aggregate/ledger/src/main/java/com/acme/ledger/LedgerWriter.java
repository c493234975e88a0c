package com.acme.ledger;

import com.acme.db.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Books an entry on a connection from the db module's factory, which begins the transaction. */
public class LedgerWriter {
  private final DataSource dataSource;

  public LedgerWriter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void book(long account, long cents) throws SQLException {
    try (Connection conn = Db.open(dataSource);
        PreparedStatement debit = conn.prepareStatement("update account set cents = cents - ? where id = ?");
        PreparedStatement entry = conn.prepareStatement("insert into entry (account, cents) values (?, ?)")) {
      debit.setLong(1, cents);
      debit.setLong(2, account);
      debit.executeUpdate();
      entry.setLong(1, account);
      entry.setLong(2, cents);
      entry.executeUpdate();
      conn.commit();
    }
  }
}
