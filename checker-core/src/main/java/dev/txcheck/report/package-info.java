/** Report writers: pure functions of an analysis result, shared by the CLI and the Maven plugin. */
package dev.txcheck.report;
