package dev.txcheck.config;

import com.github.javaparser.ParserConfiguration.LanguageLevel;
import dev.txcheck.engine.AnalysisRequest;
import dev.txcheck.rules.Rules;
import dev.txcheck.txapi.ApiLines;
import dev.txcheck.txflow.ProxySemantics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code tx-check.yml}. The YAML is read as a tree of nodes, not bound to objects, so that
 * every error can name the line, the key and the value; and so that {@code off} stays the word
 * {@code off} rather than YAML 1.1's boolean. The format is documented in {@code
 * docs/configuration.md}.
 */
public final class ConfigFile {
  static final List<String> KEYS =
      List.of(
          "rules",
          "include",
          "exclude",
          "api",
          "api-files",
          "java-level",
          "spring-version",
          "encoding");

  private final Path file;

  private ConfigFile(Path file) {
    this.file = file;
  }

  /**
   * @throws ConfigException when the file cannot be read, is not YAML, or has an unknown key or a
   *     bad value; the message names the file, line, key and value
   */
  public static Configuration read(Path file) throws ConfigException {
    return new ConfigFile(file).read();
  }

  private Configuration read() throws ConfigException {
    Node root;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(in);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
      throw new ConfigException(file + ":" + line + ": not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new ConfigException(file + ": not valid YAML: " + e.getMessage());
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read the configuration file " + file + " (" + describe(e) + ")");
    }
    Map<String, RuleSetting> rules = new LinkedHashMap<>();
    List<String> includes = new ArrayList<>();
    List<String> excludes = new ArrayList<>();
    List<Path> apiFiles = new ArrayList<>();
    List<ApiLines> apiLines = new ArrayList<>();
    LanguageLevel javaLevel = null;
    ProxySemantics semantics = null;
    Charset encoding = null;
    if (root == null) {
      return new Configuration(rules, includes, excludes, apiFiles, apiLines, null, null, null);
    }
    for (NodeTuple entry : mapping(root, "the file").getValue()) {
      String key = scalar(entry.getKeyNode(), "a key");
      Node value = entry.getValueNode();
      switch (key) {
        case "rules" -> readRules(value, rules);
        case "include" -> includes.addAll(strings(value, key));
        case "exclude" -> excludes.addAll(strings(value, key));
        case "api" -> {
          for (Node line : sequence(value, key).getValue()) {
            apiLines.add(new ApiLines(file.toString(), lineOf(line), List.of(scalar(line, key))));
          }
        }
        case "api-files" -> {
          Path dir = file.toAbsolutePath().getParent();
          strings(value, key).forEach(name -> apiFiles.add(dir.resolve(name)));
        }
        case "java-level" -> javaLevel = checked(value, key, AnalysisRequest::languageLevel);
        case "spring-version" -> semantics = checked(value, key, ProxySemantics::forSpringVersion);
        case "encoding" -> encoding = checked(value, key, AnalysisRequest::encoding);
        default ->
            throw error(entry.getKeyNode(), "unknown key '" + key + "'; known keys: " + KEYS);
      }
    }
    return new Configuration(
        rules, includes, excludes, apiFiles, apiLines, javaLevel, semantics, encoding);
  }

  private void readRules(Node node, Map<String, RuleSetting> rules) throws ConfigException {
    for (NodeTuple entry : mapping(node, "rules").getValue()) {
      String rule = checked(entry.getKeyNode(), "rules", Rules::knownId);
      RuleSetting setting = checked(entry.getValueNode(), "rules." + rule, RuleSetting::parse);
      rules.put(rule, setting);
    }
  }

  /** A value turned into what it means, or a ConfigException naming the key and the value. */
  private <T> T checked(Node node, String key, java.util.function.Function<String, T> meaning)
      throws ConfigException {
    String value = scalar(node, key);
    try {
      return meaning.apply(value);
    } catch (IllegalArgumentException e) {
      throw error(node, key + ": " + e.getMessage());
    }
  }

  private MappingNode mapping(Node node, String what) throws ConfigException {
    if (node instanceof MappingNode mapping) {
      Set<String> seen = new HashSet<>();
      for (NodeTuple entry : mapping.getValue()) {
        String key = scalar(entry.getKeyNode(), what);
        if (!seen.add(key)) {
          throw error(entry.getKeyNode(), what + ": '" + key + "' is given twice");
        }
      }
      return mapping;
    }
    throw error(node, what + " must be a mapping of keys to values");
  }

  private SequenceNode sequence(Node node, String key) throws ConfigException {
    if (node instanceof SequenceNode sequence) {
      return sequence;
    }
    throw error(node, key + " must be a list, e.g. " + key + ": [\"...\"]");
  }

  private List<String> strings(Node node, String key) throws ConfigException {
    List<String> values = new ArrayList<>();
    for (Node item : sequence(node, key).getValue()) {
      values.add(scalar(item, key));
    }
    return values;
  }

  private String scalar(Node node, String key) throws ConfigException {
    if (node instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
      return scalar.getValue();
    }
    throw error(node, key + ": expected a single value here");
  }

  private ConfigException error(Node node, String message) {
    return new ConfigException(file + ":" + lineOf(node) + ": " + message);
  }

  private static int lineOf(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private static String describe(IOException e) {
    String kind = e.getClass().getSimpleName();
    return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
  }
}
