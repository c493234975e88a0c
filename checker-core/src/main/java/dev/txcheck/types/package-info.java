/**
 * Types without a classpath: names resolved through imports, the types declared in all analysed
 * sources (the {@link dev.txcheck.types.ProjectIndex}) and the catalog's return types. An
 * unresolvable type stays a simple name, which never matches a catalog line: no guesses.
 */
package dev.txcheck.types;
