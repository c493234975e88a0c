package dev.txcheck.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads source files as text. A byte order mark decides the encoding whatever was configured
 * (UTF-8, UTF-16 big or little endian), and is not part of the text. Otherwise the configured
 * encoding ({@code --encoding}, Maven's {@code project.build.sourceEncoding}) must decode the whole
 * file; without one, UTF-8, falling back to ISO-8859-1 (which decodes any bytes) for legacy
 * encodings. A file that cannot be decoded is an error that names the encoding and the line, never
 * a file silently read as garbage: UTF-16 without a byte order mark read as ISO-8859-1 would
 * mention no transaction word and be skipped unseen.
 */
final class SourceText {
  private final Charset encoding;

  /**
   * @param encoding the sources' encoding, or null to read UTF-8 with an ISO-8859-1 fallback
   */
  SourceText(Charset encoding) {
    this.encoding = encoding;
  }

  /** A file whose bytes are not text in the encoding it is read with. */
  static final class UndecodableException extends IOException {
    UndecodableException(String message) {
      super(message);
    }
  }

  String read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Bom bom = Bom.of(bytes);
    String text;
    Charset used;
    if (bom != null) {
      used = bom.charset;
      text = decode(bytes, bom.length, used);
    } else if (encoding != null) {
      used = encoding;
      text = decode(bytes, 0, used);
    } else {
      used = StandardCharsets.UTF_8;
      text = decodeOrLatin1(bytes);
    }
    // Java source holds no NUL; text full of them is UTF-16 read as something else.
    if (text.indexOf('\0') >= 0) {
      throw new UndecodableException(
          "cannot decode: NUL characters in the text read as "
              + used.name()
              + " (UTF-16 without a byte order mark?); give the encoding, e.g. --encoding UTF-16LE"
              + " (Maven: project.build.sourceEncoding)");
    }
    return text;
  }

  private static String decodeOrLatin1(byte[] bytes) {
    try {
      return decode(bytes, 0, StandardCharsets.UTF_8);
    } catch (UndecodableException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  private static String decode(byte[] bytes, int offset, Charset charset)
      throws UndecodableException {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    CharBuffer out =
        CharBuffer.allocate((int) (in.remaining() * (double) decoder.maxCharsPerByte()) + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      out.flip();
      throw new UndecodableException(
          "cannot decode as "
              + charset.name()
              + " on line "
              + countLines(out)
              + " (byte "
              + (in.position() + 1)
              + "); give the file's encoding with --encoding (Maven: project.build.sourceEncoding)");
    }
    return out.flip().toString();
  }

  /** Byte order marks, the longest first. */
  private enum Bom {
    UTF_8(StandardCharsets.UTF_8, 0xEF, 0xBB, 0xBF),
    UTF_16BE(StandardCharsets.UTF_16BE, 0xFE, 0xFF),
    UTF_16LE(StandardCharsets.UTF_16LE, 0xFF, 0xFE);

    final Charset charset;
    final int[] mark;
    final int length;

    Bom(Charset charset, int... mark) {
      this.charset = charset;
      this.mark = mark;
      this.length = mark.length;
    }

    static Bom of(byte[] bytes) {
      for (Bom bom : values()) {
        if (bom.startsOf(bytes)) {
          return bom;
        }
      }
      return null;
    }

    private boolean startsOf(byte[] bytes) {
      if (bytes.length < length) {
        return false;
      }
      for (int i = 0; i < length; i++) {
        if ((bytes[i] & 0xFF) != mark[i]) {
          return false;
        }
      }
      return true;
    }
  }

  static long countLines(CharSequence text) {
    long lines = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
