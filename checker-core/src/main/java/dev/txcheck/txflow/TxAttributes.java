package dev.txcheck.txflow;

import java.util.Set;

/**
 * The declarative transaction a body runs in.
 *
 * @param source how it was declared, for messages: {@code @Transactional}, {@code @TxService},
 *     {@code transactionTemplate.execute()}
 * @param readOnly {@code readOnly = true}
 * @param propagation the propagation or JTA {@code TxType} name, {@code REQUIRED} by default
 */
public record TxAttributes(String source, boolean readOnly, String propagation) {
  private static final Set<String> WITHOUT_TRANSACTION =
      Set.of("NOT_SUPPORTED", "NEVER", "SUPPORTS");

  /**
   * True when the body surely runs in a transaction (a read-only one holds a connection too), not
   * {@code NOT_SUPPORTED}, {@code NEVER} or {@code SUPPORTS}.
   */
  public boolean runsInTransaction() {
    return !WITHOUT_TRANSACTION.contains(propagation);
  }

  /** True when the body surely runs in a transaction that commits its writes. */
  public boolean writesCommit() {
    return !readOnly && !WITHOUT_TRANSACTION.contains(propagation);
  }
}
