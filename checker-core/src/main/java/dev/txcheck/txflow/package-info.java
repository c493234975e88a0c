/**
 * Transactions over control flow: what each call does to which transaction handle (catalog lines
 * and summaries of the project's own helper methods), and a dataflow that says which begun
 * transactions may still be open at each point of a body.
 */
package dev.txcheck.txflow;
