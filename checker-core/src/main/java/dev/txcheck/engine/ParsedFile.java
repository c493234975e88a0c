package dev.txcheck.engine;

import dev.txcheck.types.FileFacts;

/**
 * A file that passed the prefilter and parsed: what the analysis keeps of it until the rules have
 * run on it. Its tree lives in the {@link AstStore}.
 */
record ParsedFile(String path, Suppressions suppressions, long lines, FileFacts facts) {}
