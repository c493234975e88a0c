package com.acme.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Commits once per order: a failure half way leaves half the orders imported. */
public class OrderImporter {
  public void importOrders(Connection conn, List<String> orders) throws SQLException {
    conn.setAutoCommit(false);
    try (PreparedStatement ps = conn.prepareStatement("insert into orders values (?)")) {
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
