package dev.txcheck.engine;

import dev.txcheck.Version;
import dev.txcheck.finding.Severity;
import dev.txcheck.rules.Rule;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.txapi.ApiLines;
import dev.txcheck.txflow.ProxySemantics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a cache is valid for, as one digest: the cache's format, tx-check's version and the jar it
 * runs from (its size and time, for builds of the same version), every setting of the request that
 * can change a finding or a processing error (paths, includes, excludes, base directory, language
 * level, encoding, the rules that run and their severities, the proxy semantics in force, the
 * prefilter switch), the bundled catalog, the {@code --api} files' contents and inline API lines,
 * and the classpath: each entry's path, a jar's size and modification time, a directory's class
 * files by name, size and content. Any difference and the cache is not used.
 */
final class CacheKey {
  private CacheKey() {}

  static byte[] of(AnalysisRequest request, List<Rule> rules, ProxySemantics semantics)
      throws IOException {
    MessageDigest digest = sha256();
    Text key = new Text(digest);
    key.add("format", CacheFile.FORMAT);
    key.add("version", Version.get());
    key.add("code", codeStamp());
    for (Path path : request.paths()) {
      key.add("path", path + " " + path.toAbsolutePath().normalize());
    }
    request.includes().forEach(glob -> key.add("include", glob));
    request.excludes().forEach(glob -> key.add("exclude", glob));
    key.add("base", String.valueOf(request.baseDirectory()));
    key.add("level", request.languageLevel().name());
    key.add("encoding", request.encoding() == null ? "default" : request.encoding().name());
    key.add("prefilter", request.prefilter());
    key.add("semantics", semantics.name());
    for (Rule rule : rules) {
      String id = rule.info().id();
      Severity severity = request.severities().getOrDefault(id, rule.info().severity());
      key.add("rule", id + "=" + severity.name());
    }
    key.add("catalog", bundledCatalog());
    for (Path file : request.apiFiles()) {
      key.add("api-file", file.toAbsolutePath().normalize().toString());
      key.add("api-content", Files.readAllBytes(file));
    }
    for (ApiLines lines : request.apiLines()) {
      key.add("api-lines", lines.origin() + ":" + lines.firstLine());
      lines.lines().forEach(line -> key.add("api-line", line));
    }
    for (Path entry : request.classpath()) {
      classpathEntry(key, entry);
    }
    return digest.digest();
  }

  private static void classpathEntry(Text key, Path entry) throws IOException {
    Path absolute = entry.toAbsolutePath().normalize();
    key.add("classpath", absolute.toString());
    if (Files.isDirectory(absolute)) {
      // Class files by content: a build that compiles the same sources again changes none.
      Map<String, Path> classes = new TreeMap<>();
      try (Stream<Path> files = Files.walk(absolute)) {
        files
            .filter(f -> f.toString().endsWith(".class") && Files.isRegularFile(f))
            .forEach(f -> classes.put(absolute.relativize(f).toString(), f));
      }
      MessageDigest content = sha256();
      for (Map.Entry<String, Path> file : classes.entrySet()) {
        key.add("class", file.getKey());
        key.add("class-content", content.digest(Files.readAllBytes(file.getValue())));
      }
    } else if (Files.isRegularFile(absolute)) {
      BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
      key.add("jar", attributes.size() + " " + attributes.lastModifiedTime().toMillis());
    } else {
      key.add("missing", absolute.toString());
    }
  }

  /** The jar tx-check runs from, by size and time; "classes" when it runs from a directory. */
  private static String codeStamp() {
    try {
      Path location =
          Path.of(Analyzer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(location)) {
        BasicFileAttributes attributes = Files.readAttributes(location, BasicFileAttributes.class);
        return location + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
      }
      return "classes";
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return "unknown";
    }
  }

  private static byte[] bundledCatalog() throws IOException {
    try (InputStream in = ApiCatalog.class.getResourceAsStream("catalog.txt")) {
      return in == null ? new byte[0] : in.readAllBytes();
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fields fed to the digest, each named and length-prefixed so that no two sequences collide. */
  private static final class Text {
    private final MessageDigest digest;

    Text(MessageDigest digest) {
      this.digest = digest;
    }

    void add(String name, Object value) {
      add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    void add(String name, byte[] value) {
      byte[] label = name.getBytes(StandardCharsets.UTF_8);
      List<byte[]> parts = new ArrayList<>(List.of(label, value));
      for (byte[] part : parts) {
        int n = part.length;
        digest.update(
            new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        digest.update(part);
      }
    }
  }
}
