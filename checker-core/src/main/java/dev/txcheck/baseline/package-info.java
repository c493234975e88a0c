/**
 * Baselines: the accepted findings of a legacy code base, by fingerprint, so that a build fails
 * only on new ones.
 */
package dev.txcheck.baseline;
