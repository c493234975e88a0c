package dev.txcheck.txflow;

/**
 * Identifies a transaction handle within one file: a variable (aliases such as {@code tx =
 * em.getTransaction()} map to the owner {@code em}), a field, or, for other expressions, their
 * source text.
 *
 * @param id the identity
 * @param display how messages name it
 */
public record HandleKey(String id, String display) {}
