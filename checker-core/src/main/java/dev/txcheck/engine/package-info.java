/**
 * Running an analysis: finding the files, a cheap textual prefilter, parallel parsing with one
 * parser per worker, the project index, the rules, suppressions and sorted, fingerprinted findings.
 * Front ends call {@link dev.txcheck.engine.Analyzer#run} and nothing else.
 */
package dev.txcheck.engine;
