package dev.txcheck.fixturelib;

/**
 * A data-access interface of another module: the fixtures see only its class file, and no
 * implementation, so its name is all that tells it writes.
 */
public interface AuditTrailDao {
  void append(String entry);
}
