package dev.txcheck.engine;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTextTest {
  private static final String CODE = "class Büro { /* € */ void commit() {} }\n";

  @TempDir Path dir;

  private Path file(byte[]... parts) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.write(part);
    }
    return Files.write(dir.resolve("Büro.java"), bytes.toByteArray());
  }

  private static byte[] bom(int... marks) {
    byte[] bytes = new byte[marks.length];
    for (int i = 0; i < marks.length; i++) {
      bytes[i] = (byte) marks[i];
    }
    return bytes;
  }

  @Test
  void aByteOrderMarkDecidesTheEncodingAndIsNotText() throws IOException {
    SourceText defaults = new SourceText(null);
    SourceText latin1 = new SourceText(StandardCharsets.ISO_8859_1);
    for (SourceText reader : new SourceText[] {defaults, latin1}) {
      assertThat(reader.read(file(bom(0xFF, 0xFE), CODE.getBytes(StandardCharsets.UTF_16LE))))
          .isEqualTo(CODE);
      assertThat(reader.read(file(bom(0xFE, 0xFF), CODE.getBytes(StandardCharsets.UTF_16BE))))
          .isEqualTo(CODE);
      assertThat(reader.read(file(bom(0xEF, 0xBB, 0xBF), CODE.getBytes(StandardCharsets.UTF_8))))
          .isEqualTo(CODE);
    }
  }

  @Test
  void theConfiguredEncodingDecodesTheFile() throws IOException {
    Charset cp1252 = Charset.forName("windows-1252");
    assertThat(new SourceText(cp1252).read(file(CODE.getBytes(cp1252)))).isEqualTo(CODE);
    assertThat(
            new SourceText(StandardCharsets.UTF_16LE)
                .read(file(CODE.getBytes(StandardCharsets.UTF_16LE))))
        .isEqualTo(CODE);
  }

  @Test
  void withoutOneUtf8IsReadAndLegacyBytesFallBackToLatin1() throws IOException {
    assertThat(new SourceText(null).read(file(CODE.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(CODE);
    String latin = "class Buero { /* Größe */ }\n";
    assertThat(new SourceText(null).read(file(latin.getBytes(StandardCharsets.ISO_8859_1))))
        .isEqualTo(latin);
  }

  @Test
  void utf16WithoutAByteOrderMarkIsAnErrorNotASilentSkip() throws IOException {
    Path utf16 = file(CODE.getBytes(StandardCharsets.UTF_16LE));
    assertThrows(
        SourceText.UndecodableException.class,
        () -> new SourceText(StandardCharsets.UTF_8).read(utf16)); // 'ü' is 0xFC 0x00
    for (Charset wrong : new Charset[] {null, StandardCharsets.ISO_8859_1}) {
      IOException e =
          assertThrows(
              SourceText.UndecodableException.class, () -> new SourceText(wrong).read(utf16));
      assertThat(e).hasMessageThat().contains("NUL characters in the text read as ");
      assertThat(e).hasMessageThat().contains("(UTF-16 without a byte order mark?)");
      assertThat(e).hasMessageThat().contains("--encoding UTF-16LE");
    }
  }

  @Test
  void bytesTheConfiguredEncodingCannotDecodeAreAnErrorWithTheLine() throws IOException {
    Path latin = file("class A {\n  // Gr\u00f6\u00dfe\n}\n".getBytes(StandardCharsets.ISO_8859_1));
    IOException e =
        assertThrows(
            SourceText.UndecodableException.class,
            () -> new SourceText(StandardCharsets.UTF_8).read(latin));
    assertThat(e).hasMessageThat().startsWith("cannot decode as UTF-8 on line 2 (byte 18)");
  }
}
