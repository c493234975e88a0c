package dev.txcheck.engine;

import com.github.javaparser.ast.CompilationUnit;

/** A parsed file kept until the rules have run on it. */
record ParsedFile(String path, CompilationUnit unit, Suppressions suppressions, long lines) {}
