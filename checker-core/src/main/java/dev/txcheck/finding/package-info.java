/** Findings, their severities, fingerprints and the order they are reported in. */
package dev.txcheck.finding;
