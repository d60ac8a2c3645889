package dev.nexttoken.ollama.internal;

import dev.nexttoken.ImagePart;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.RequestValidationException;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Locale;

/**
 * An image as Ollama takes it: the bytes, base64-encoded, without a media type (Ollama detects the
 * format). A {@code data:} URL is decoded to its bytes first; Ollama fetches no {@code http(s)} URLs,
 * which the capabilities declare, so those never get here.
 */
final class ImageData {
  private ImageData() {}

  /** @throws RequestValidationException for a {@code data:} URL whose data cannot be decoded */
  static String base64(ImagePart image, String where) {
    if (image.url() == null) {
      return image.base64();
    }
    return Base64.getEncoder().encodeToString(dataUrlBytes(image.url(), where));
  }

  /** {@code data:[<media type>][;base64],<data>} (RFC 2397): base64 or percent-encoded data. */
  private static byte[] dataUrlBytes(String url, String where) {
    int comma = url.indexOf(',');
    if (!url.regionMatches(true, 0, "data:", 0, 5) || comma < 0) {
      throw invalid(where, "is not a data: URL with a comma before its data");
    }
    String meta = url.substring(5, comma).toLowerCase(Locale.ROOT);
    String data = url.substring(comma + 1);
    if (meta.endsWith(";base64")) {
      try {
        return Base64.getDecoder().decode(data.replaceAll("\\s", ""));
      } catch (IllegalArgumentException e) {
        throw invalid(where, "has invalid base64 data: " + e.getMessage());
      }
    }
    return percentDecoded(data, where);
  }

  private static byte[] percentDecoded(String data, String where) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length());
    byte[] utf8 = data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < utf8.length; i++) {
      if (utf8[i] != '%') {
        out.write(utf8[i]);
        continue;
      }
      int hi = i + 1 < utf8.length ? Character.digit(utf8[i + 1], 16) : -1;
      int lo = i + 2 < utf8.length ? Character.digit(utf8[i + 2], 16) : -1;
      if (hi < 0 || lo < 0) {
        throw invalid(where, "has a % not followed by two hex digits at character " + i);
      }
      out.write(hi * 16 + lo);
      i += 2;
    }
    return out.toByteArray();
  }

  private static RequestValidationException invalid(String where, String why) {
    return new RequestValidationException(OllamaWire.PROVIDER + ": the image " + where + " " + why, "image",
        ErrorDetails.of(OllamaWire.PROVIDER));
  }
}
