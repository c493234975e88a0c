package dev.txcheck.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Problem;
import com.github.javaparser.Processor;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.comments.CommentsCollection;
import com.github.javaparser.ast.validator.postprocessors.Java10PostProcessor;
import com.github.javaparser.ast.validator.postprocessors.PostProcessors;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One parser per worker thread: neither {@link JavaParser} nor its configuration is thread-safe.
 */
final class Parsing {
  private final ThreadLocal<JavaParser> parsers;
  private final SourceText sourceText;
  private final AtomicLong parses = new AtomicLong();

  Parsing(LanguageLevel level) {
    this(level, null);
  }

  /**
   * @param encoding the sources' encoding, or null for UTF-8 with a fallback ({@link SourceText})
   */
  Parsing(LanguageLevel level, Charset encoding) {
    this.parsers = ThreadLocal.withInitial(() -> new JavaParser(configuration(level)));
    this.sourceText = new SourceText(encoding);
  }

  /** A source file's text, in the encoding of this analysis. */
  String read(Path file) throws IOException {
    return sourceText.read(file);
  }

  /**
   * Where JavaParser 3.27 keeps the processor that post-processes and validates for the language
   * level.
   */
  private static final int LANGUAGE_LEVEL_PROCESSOR = 3;

  static ParserConfiguration configuration(LanguageLevel level) {
    ParserConfiguration config =
        new ParserConfiguration()
            // The level still matters to the grammar (yield, for instance) and to the
            // post-processing below.
            .setLanguageLevel(level)
            // Suppression comments are read from the comment list; attributing them to nodes costs
            // time.
            .setAttributeComments(false)
            // Tokens give every node its range (the line numbers of findings); dropTokens() frees
            // them.
            .setStoreTokens(true);
    // The language-level validator only rejects code that javac rejects (or accepts in a newer
    // release, such as an
    // unnamed variable '_'), and costs about a third of the parse. Keep the post-processing that
    // turns 'var' into
    // a VarType; drop the validation. ParsingTest pins this to the pinned JavaParser version.
    PostProcessors post =
        level.ordinal() >= LanguageLevel.JAVA_10.ordinal() ? new Java10PostProcessor() : null;
    config
        .getProcessors()
        .set(
            LANGUAGE_LEVEL_PROCESSOR,
            () ->
                new Processor() {
                  @Override
                  public void postProcess(
                      ParseResult<? extends Node> result, ParserConfiguration configuration) {
                    if (post != null) {
                      post.postProcess(result, configuration);
                    }
                  }
                });
    return config;
  }

  /** Local enums in one file that the parser is given a second chance at. */
  private static final int MAX_LOCAL_ENUMS = 50;

  /** How many files (and heads of files) this analysis parsed so far. */
  long parses() {
    return parses.get();
  }

  /** Parses, or explains with a position why the file cannot be analysed. */
  Outcome parse(String path, String text) {
    HeapWatch.checkpoint();
    parses.incrementAndGet();
    ParseResult<CompilationUnit> result = parsers.get().parse(text);
    String parsed = text;
    for (int round = 0; round < MAX_LOCAL_ENUMS && !result.isSuccessful(); round++) {
      String rewritten = withLocalEnumRewritten(parsed, result.getProblems());
      if (rewritten == null) {
        break;
      }
      parsed = rewritten;
      result = parsers.get().parse(parsed);
    }
    List<Problem> problems = result.getProblems();
    if (!problems.isEmpty() || result.getResult().isEmpty()) {
      return new Outcome(null, null, error(path, problems), 0);
    }
    // The file's name travels with its tree: code under a test source root is told by it.
    result.getResult().get().setStorage(Path.of(path));
    result.getResult().get().printer(SharedTreePrinter.INSTANCE); // before any worker shares it
    long digest = treeDigest(result.getResult().get());
    dropTokens(result.getResult().get());
    Collection<Comment> comments =
        result
            .getCommentsCollection()
            .map(CommentsCollection::getComments)
            .map(c -> (Collection<Comment>) c)
            .orElse(List.of());
    return new Outcome(result.getResult().get(), Suppressions.fromComments(comments), null, digest);
  }

  /**
   * A digest of the tokens the tree was parsed from, comments and blanks left out, each with its
   * kind, text and position: two texts with the same digest parse to the same tree, positions
   * included, whatever their comments (which only {@link Suppressions} read). The incremental cache
   * tells by it whether a changed file changed for those who read its tree.
   */
  private static long treeDigest(CompilationUnit unit) {
    MessageDigest digest = sha1();
    StringBuilder tokens = new StringBuilder(4096);
    unit.getTokenRange()
        .ifPresent(
            range -> {
              for (JavaToken token : range) {
                if (token.getCategory().isWhitespaceOrComment()) {
                  continue;
                }
                tokens.append(token.getKind()).append(' ');
                token
                    .getRange()
                    .ifPresent(r -> tokens.append(r.begin.line).append(':').append(r.begin.column));
                tokens.append(' ').append(token.getText()).append('\n');
                if (tokens.length() > 8192) {
                  digest.update(tokens.toString().getBytes(StandardCharsets.UTF_8));
                  tokens.setLength(0);
                }
              }
            });
    digest.update(tokens.toString().getBytes(StandardCharsets.UTF_8));
    byte[] bytes = digest.digest();
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[i] & 0xff);
    }
    return value;
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text with the local enum the first problem is at rewritten, or null when it is none. */
  private static String withLocalEnumRewritten(String text, List<Problem> problems) {
    if (problems.isEmpty()) {
      return null;
    }
    var begin = problems.get(0).getLocation().flatMap(l -> l.getBegin().getRange());
    if (begin.isEmpty()) {
      return null;
    }
    int at = LocalEnums.indexOf(text, begin.get().begin.line, begin.get().begin.column);
    return at < 0 ? null : LocalEnums.rewriteAt(text, at);
  }

  /**
   * Keeps each node's range and lets its tokens go: the token list is half of a tree's memory and
   * nothing reads it after parsing.
   */
  static void dropTokens(CompilationUnit unit) {
    unit.walk(
        node -> {
          Range range = node.getRange().orElse(null);
          node.setTokenRange(null);
          node.setRange(range);
        });
  }

  private static ProcessingError error(String path, List<Problem> problems) {
    if (problems.isEmpty()) {
      return new ProcessingError(path, 0, 0, "could not be parsed");
    }
    Problem first = problems.get(0);
    int line = 0;
    int column = 0;
    var begin = first.getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> r.begin);
    if (begin.isPresent()) {
      line = begin.get().line;
      column = begin.get().column;
    }
    String message = first.getMessage().lines().findFirst().orElse("syntax error").strip();
    if (message.length() > 200) {
      message = message.substring(0, 197) + "...";
    }
    String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : "";
    return new ProcessingError(
        path, line, column, "cannot parse: " + message + more + "; file skipped");
  }

  /**
   * @param digest of the tree's tokens ({@link #treeDigest}); 0 for a file that did not parse
   */
  record Outcome(
      CompilationUnit unit, Suppressions suppressions, ProcessingError error, long digest) {}
}
