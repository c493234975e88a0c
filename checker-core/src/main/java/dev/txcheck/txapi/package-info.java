/**
 * The transaction API catalog: which library calls begin, commit, roll back or close a transaction,
 * as data loaded from {@code catalog.txt} plus the user's own lines. Rules ask the catalog; they
 * never compare method names.
 */
package dev.txcheck.txapi;
