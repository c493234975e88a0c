/**
 * Intraprocedural control flow: one graph per body (method, constructor, initializer, lambda), with
 * normal, branch and exceptional edges. Knows nothing about transactions; {@code
 * dev.txcheck.txflow} runs over it.
 */
package dev.txcheck.flow;
