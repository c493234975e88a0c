package dev.txcheck.types;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ClasspathTest {
  @TempDir Path dir;

  public static final Map<String, String> LIBRARY =
      Map.of(
          "org.springframework.transaction.PlatformTransactionManager",
          "package org.springframework.transaction; public interface PlatformTransactionManager {}",
          "com.acme.db.AcmeTxManager",
          """
          package com.acme.db;
          public abstract class AcmeTxManager
              implements org.springframework.transaction.PlatformTransactionManager, Cloneable {}
          """,
          "com.acme.db.BaseDao",
          """
          package com.acme.db;
          public abstract class BaseDao {
            protected java.sql.Connection connection;
            protected int retries;
            public static class Settings { java.util.List<String> names; }
          }
          """);

  @Test
  void readsSupertypesAndFieldsOfLibraryClasses() throws Exception {
    Path jar = LibraryJar.build(dir, LIBRARY, "com/acme/");
    List<String> problems = new ArrayList<>();
    try (Classpath classpath =
        Classpath.open(List.of(jar), (entry, problem) -> problems.add(problem))) {
      assertThat(problems).isEmpty();
      assertThat(classpath.type("com.acme.db.AcmeTxManager").orElseThrow().supertypes())
          .containsExactly(
              "java.lang.Object",
              "org.springframework.transaction.PlatformTransactionManager",
              "java.lang.Cloneable")
          .inOrder();
      LibraryType dao = classpath.type("com.acme.db.BaseDao").orElseThrow();
      assertThat(dao.fields()).containsExactly("connection", "java.sql.Connection");
      assertThat(classpath.type("com.acme.db.BaseDao.Settings").orElseThrow().fields())
          .containsExactly("names", "java.util.List");
      // Only com/acme went into the jar: the interface is known by name only, as a supertype.
      assertThat(classpath.has("org.springframework.transaction.PlatformTransactionManager"))
          .isFalse();
      assertThat(classpath.type("com.acme.db.Missing")).isEmpty();
    }
  }

  @Test
  void classDirectoriesCountAndTheFirstEntryWins() throws Exception {
    LibraryJar.build(dir, LIBRARY, "com/acme/");
    Path classes = dir.resolve("classes");
    Path shadow = Files.createDirectories(dir.resolve("shadow/com/acme/db"));
    Files.copy(classes.resolve("com/acme/db/BaseDao.class"), shadow.resolve("AcmeTxManager.class"));
    try (Classpath classpath =
        Classpath.open(List.of(classes, dir.resolve("shadow")), (entry, problem) -> {})) {
      assertThat(classpath.type("com.acme.db.AcmeTxManager").orElseThrow().supertypes())
          .contains("org.springframework.transaction.PlatformTransactionManager");
      assertThat(classpath.has("org.springframework.transaction.PlatformTransactionManager"))
          .isTrue();
    }
  }

  @Test
  void missingEntriesAreSkippedAndUnreadableOnesNamed() throws Exception {
    Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a zip file");
    List<String> problems = new ArrayList<>();
    try (Classpath classpath =
        Classpath.open(
            List.of(dir.resolve("target/classes"), notAJar),
            (entry, problem) -> problems.add(entry + ": " + problem))) {
      assertThat(classpath.has("com.acme.db.BaseDao")).isFalse();
    }
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith(notAJar + ": cannot read this classpath entry");
  }

  @Test
  void aBrokenClassFileIsAnUnknownType() throws Exception {
    Path pkg = Files.createDirectories(dir.resolve("classes/com/acme"));
    Files.writeString(pkg.resolve("Broken.class"), "not a class file");
    try (Classpath classpath =
        Classpath.open(List.of(dir.resolve("classes")), (entry, problem) -> {})) {
      assertThat(classpath.has("com.acme.Broken")).isTrue();
      assertThat(classpath.type("com.acme.Broken")).isEmpty();
    }
  }
}
