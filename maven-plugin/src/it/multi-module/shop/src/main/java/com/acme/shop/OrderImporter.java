package com.acme.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Records the batch, then commits once per order: a failure half way leaves a recorded batch half imported. */
public class OrderImporter {
  public void importOrders(Connection conn, String batch, List<String> orders) throws SQLException {
    conn.setAutoCommit(false);
    try (PreparedStatement batches = conn.prepareStatement("insert into batches values (?)");
        PreparedStatement ps = conn.prepareStatement("insert into orders values (?)")) {
      batches.setString(1, batch);
      batches.executeUpdate();
      for (String order : orders) {
        ps.setString(1, order);
        ps.executeUpdate();
        conn.commit();
      }
      conn.commit();
    } catch (SQLException e) {
      conn.rollback();
      throw e;
    }
  }
}
