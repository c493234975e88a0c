/**
 * The configuration file ({@code tx-check.yml}) that the CLI and the Maven plugin share: rules on,
 * off or at another severity, file filters, extra transaction API lines, the Java level.
 */
package dev.txcheck.config;
