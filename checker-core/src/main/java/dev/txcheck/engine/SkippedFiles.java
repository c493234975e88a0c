package dev.txcheck.engine;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.txcheck.types.OnDemandSources;
import dev.txcheck.types.Reads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files the prefilter skipped, known by the top-level type each is named after (its package
 * declaration and file name) and parsed when a question needs them. Which methods a file calls is
 * learnt from its text the first time a caller is asked for, so runs where no rule asks pay
 * nothing.
 */
final class SkippedFiles implements OnDemandSources {
  private final Map<String, Path> byType;
  private final Map<Path, String> typeOf;
  private final List<Path> files;
  private final Parsing parsing;
  private final Path base;
  private final AstStore store;
  private volatile Names names;

  /**
   * What {@link #mentions} answered, by type and word: each method of an interface asks it again of
   * the same files.
   */
  private final Map<String, Boolean> mentioned = new ConcurrentHashMap<>();

  /**
   * @param packages the package of each skipped file that is still unparsed, by file
   */
  SkippedFiles(Map<Path, String> packages, Parsing parsing, Path base, AstStore store) {
    Map<String, Path> types = new HashMap<>();
    Map<Path, String> sorted = new TreeMap<>(packages);
    sorted.forEach(
        (file, pkg) -> {
          String name = String.valueOf(file.getFileName());
          if (name.endsWith(".java")) {
            String simple = name.substring(0, name.length() - ".java".length());
            types.putIfAbsent(pkg.isEmpty() ? simple : pkg + "." + simple, file);
          }
        });
    this.byType = Map.copyOf(types);
    Map<Path, String> files = new HashMap<>();
    types.forEach((type, file) -> files.put(file, type));
    this.typeOf = Map.copyOf(files);
    this.files = List.copyOf(sorted.keySet());
    this.parsing = parsing;
    this.base = base;
    this.store = store;
  }

  @Override
  public boolean declares(String qualifiedName) {
    return byType.containsKey(qualifiedName);
  }

  @Override
  public TypeDeclaration<?> type(String qualifiedName) {
    // The file is named after the top-level type; a nested type's name continues it.
    for (String top = qualifiedName; ; top = top.substring(0, top.lastIndexOf('.'))) {
      Path file = byType.get(top);
      if (file != null) {
        CompilationUnit unit = unit(file);
        return unit == null ? null : find(unit, qualifiedName);
      }
      if (top.lastIndexOf('.') < 0) {
        return null;
      }
    }
  }

  @Override
  public TypeDeclaration<?> header(String qualifiedName) {
    Path file = byType.get(qualifiedName);
    if (file == null) {
      return type(qualifiedName); // a nested type: its supertypes are in the file's body
    }
    // The head even when the whole tree is at hand: what the answer depends on is then the head
    // alone, whichever trees the store holds (see Reads).
    Reads.head(SourceFiles.display(file, base));
    CompilationUnit head = parseHead(file);
    TypeDeclaration<?> found = head == null ? null : find(head, qualifiedName);
    return found != null ? found : type(qualifiedName);
  }

  /**
   * The file up to the opening brace of its first type, closed with an empty body: package,
   * imports, annotations and supertypes parse as a file of their own. Not kept: the index keeps
   * what it learns from it. Its path is marked, so that nothing takes it for the whole file. The
   * store notes the digest of its tokens for the incremental cache.
   */
  private CompilationUnit parseHead(Path file) {
    try {
      String text = parsing.read(file);
      int brace = firstBodyBrace(text);
      if (brace < 0) {
        return null;
      }
      String path = SourceFiles.display(file, base);
      Parsing.Outcome parsed = parsing.parse(path, text.substring(0, brace + 1) + "}");
      CompilationUnit head = parsed.unit();
      if (head != null) {
        head.setStorage(Path.of(path + "#head"));
        store.noteHead(path, parsed.digest());
      }
      return head;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The first '{' outside comments, string and character literals and parentheses (annotation
   * arguments such as {@code @Table(indexes = {...})}): the opening brace of the first type's body.
   */
  static int firstBodyBrace(String text) {
    int depth = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
      } else if (c == '"' || c == '\'') {
        i = endOfLiteral(text, i);
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '{' && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the closing quote of the literal opening at {@code start}. */
  private static int endOfLiteral(String text, int start) {
    char quote = text.charAt(start);
    if (quote == '"' && text.startsWith("\"\"\"", start)) {
      int end = text.indexOf("\"\"\"", start + 3);
      return end < 0 ? text.length() : end + 2;
    }
    for (int i = start + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote || c == '\n') {
        return i;
      }
    }
    return text.length();
  }

  private static TypeDeclaration<?> find(CompilationUnit unit, String qualifiedName) {
    List<TypeDeclaration<?>> work = new ArrayList<>(unit.getTypes());
    while (!work.isEmpty()) {
      TypeDeclaration<?> type = work.remove(work.size() - 1);
      if (type.getFullyQualifiedName().map(qualifiedName::equals).orElse(false)) {
        return type;
      }
      for (BodyDeclaration<?> member : type.getMembers()) {
        if (member instanceof TypeDeclaration<?> nested) {
          work.add(nested);
        }
      }
    }
    return null;
  }

  @Override
  public Optional<List<CompilationUnit>> calling(String methodName, int limit) {
    Reads.called(methodName);
    return parsed(names().called().getOrDefault(methodName, List.of()), limit);
  }

  @Override
  public Optional<List<String>> typesDeclaring(String methodName, int limit) {
    // A file that declares the name also "calls" it (see calledNames): the same cache key holds.
    Reads.called(methodName);
    List<Path> declaring = names().declared().getOrDefault(methodName, List.of());
    if (declaring.size() > limit) {
      return Optional.empty();
    }
    List<String> types = new ArrayList<>();
    for (Path file : declaring) {
      String type = typeOf.get(file);
      if (type != null) {
        types.add(type);
      }
    }
    return Optional.of(types);
  }

  @Override
  public boolean mentions(String topLevelType, String word) {
    Path file = byType.get(topLevelType);
    if (file == null) {
      return false;
    }
    Reads.file(SourceFiles.display(file, base));
    return mentioned.computeIfAbsent(topLevelType + ' ' + word, k -> readMentions(file, word));
  }

  private boolean readMentions(Path file, String word) {
    try {
      return SourceWords.any(
          parsing.read(file), (code, start, end) -> code.substring(start, end).equals(word));
    } catch (IOException e) {
      return false;
    }
  }

  private Optional<List<CompilationUnit>> parsed(List<Path> files, int limit) {
    if (files.size() > limit) {
      return Optional.empty();
    }
    List<CompilationUnit> result = new ArrayList<>();
    for (Path file : files) {
      CompilationUnit unit = store.scan(SourceFiles.display(file, base));
      if (unit != null) {
        result.add(unit);
      }
    }
    return Optional.of(result);
  }

  private CompilationUnit unit(Path file) {
    return store.unit(SourceFiles.display(file, base));
  }

  /** The skipped files by the method names they call, and by those they seem to declare. */
  private record Names(Map<String, List<Path>> called, Map<String, List<Path>> declared) {}

  private Names names() {
    Names built = names;
    if (built == null) {
      synchronized (this) {
        if (names == null) {
          names = indexNames(files, parsing);
        }
        built = names;
      }
    }
    return built;
  }

  private static Names indexNames(Collection<Path> files, Parsing parsing) {
    Map<String, List<Path>> called = new HashMap<>();
    Map<String, List<Path>> declared = new HashMap<>();
    for (Path file : files) {
      String text;
      try {
        text = parsing.read(file);
      } catch (IOException e) {
        continue;
      }
      for (String name : calledNames(text)) {
        called.computeIfAbsent(name, k -> new ArrayList<>()).add(file);
      }
      for (String name : declaredNames(text)) {
        declared.computeIfAbsent(name, k -> new ArrayList<>()).add(file);
      }
    }
    return new Names(called, declared);
  }

  /** Words before a parenthesis that make the identifier after them no declaration. */
  private static final Set<String> NOT_A_TYPE =
      Set.of("new", "return", "throw", "else", "case", "yield", "assert", "do");

  /**
   * Identifiers that follow another identifier (a return type: {@code String name(}, {@code
   * List<Order> find(}, {@code int[] ids(}) and precede an opening parenthesis: a superset of the
   * methods the file declares (constructors aside), from its text alone. Calls ({@code a.b(},
   * {@code x = b(}, {@code return b(}) are not in it.
   */
  static Set<String> declaredNames(String text) {
    Set<String> names = new LinkedHashSet<>();
    int n = text.length();
    int i = 0;
    String previousWord = null;
    char previous = ' ';
    while (i < n) {
      char c = text.charAt(i);
      if (!Character.isJavaIdentifierStart(c)) {
        if (!Character.isWhitespace(c)) {
          previous = c == '>' && i > 0 && text.charAt(i - 1) == '-' ? '-' : c; // a lambda's arrow
          previousWord = null;
        }
        i++;
        continue;
      }
      int start = i;
      while (i < n && Character.isJavaIdentifierPart(text.charAt(i))) {
        i++;
      }
      String word = text.substring(start, i);
      int after = i;
      while (after < n && Character.isWhitespace(text.charAt(after))) {
        after++;
      }
      boolean afterType =
          (previousWord != null && !NOT_A_TYPE.contains(previousWord))
              || previous == '>'
              || previous == ']';
      if (afterType && after < n && text.charAt(after) == '(') {
        names.add(word);
      }
      previousWord = word;
      previous = 'a';
    }
    return names;
  }

  /**
   * Identifiers followed by an opening parenthesis or preceded by {@code ::}: a superset of the
   * methods the file calls or references (declarations, keywords and comments are in it too).
   */
  static Set<String> calledNames(String text) {
    Set<String> names = new LinkedHashSet<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!Character.isJavaIdentifierStart(c)) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && Character.isJavaIdentifierPart(text.charAt(i))) {
        i++;
      }
      int after = i;
      while (after < n && Character.isWhitespace(text.charAt(after))) {
        after++;
      }
      boolean called = after < n && text.charAt(after) == '(';
      boolean referenced =
          start >= 2 && text.charAt(start - 1) == ':' && text.charAt(start - 2) == ':';
      if (called || referenced) {
        names.add(text.substring(start, i));
      }
    }
    return names;
  }

  /**
   * Identifiers after {@code ::} and blanks ({@code Foo:: bar}), which {@link #calledNames} skips.
   */
  static Set<String> spacedReferences(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (int i = text.indexOf("::"); i >= 0; i = text.indexOf("::", i + 2)) {
      int start = i + 2;
      while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      int end = start;
      while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
        end++;
      }
      if (end > start && Character.isJavaIdentifierStart(text.charAt(start))) {
        names.add(text.substring(start, end));
      }
    }
    return names;
  }

  /**
   * The package a file declares, read from its first tokens (comments and blanks skipped), or ""
   * for the default package.
   */
  static String packageOf(String text) {
    int i = skipBlanksAndComments(text, 0);
    if (!text.startsWith("package", i)) {
      return "";
    }
    int end = text.indexOf(';', i);
    if (end < 0) {
      return "";
    }
    StringBuilder name = new StringBuilder();
    for (int k = i + "package".length(); k < end; k++) {
      char c = text.charAt(k);
      if (Character.isJavaIdentifierPart(c) || c == '.') {
        name.append(c);
      } else if (c == '/') {
        k = skipBlanksAndComments(text, k) - 1;
      }
    }
    return name.toString();
  }

  private static int skipBlanksAndComments(String text, int from) {
    int i = from;
    int n = text.length();
    while (i < n) {
      if (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\uFEFF') {
        i++;
      } else if (text.startsWith("//", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    return i;
  }
}
