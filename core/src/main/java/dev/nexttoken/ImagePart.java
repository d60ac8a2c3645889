package dev.nexttoken;

import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * An image in a message: either a URL the provider fetches, or the image's bytes with their media
 * type. Providers that only take bytes (Ollama) or only URLs are told apart by their capabilities
 * ({@link OperationCapabilities#images()}); an image a provider cannot take is refused before
 * sending.
 *
 * @param url an {@code http(s):} or {@code data:} URL, or null when {@code data} is given
 * @param data the image bytes, or null when {@code url} is given
 * @param mediaType the media type of {@code data} ({@code image/png}), or null for a URL
 */
public record ImagePart(String url, byte[] data, String mediaType) implements ContentPart {
  public ImagePart {
    if ((url == null) == (data == null)) {
      throw new IllegalArgumentException("an image needs exactly one of a URL or its bytes");
    }
    if (url != null && url.isBlank()) {
      throw new IllegalArgumentException("an image URL must not be blank");
    }
    if (data != null) {
      if (mediaType == null || !mediaType.toLowerCase(Locale.ROOT).startsWith("image/")) {
        throw new IllegalArgumentException("image bytes need a media type image/..., was " + mediaType);
      }
      data = data.clone();
    }
  }

  /** An image the provider fetches from {@code url}. */
  public static ImagePart url(String url) {
    return new ImagePart(Objects.requireNonNull(url, "url"), null, null);
  }

  /** An image sent inline. */
  public static ImagePart bytes(byte[] data, String mediaType) {
    return new ImagePart(null, Objects.requireNonNull(data, "data"), mediaType);
  }

  /** The image bytes, a copy (null for a URL image). */
  @Override
  public byte[] data() {
    return data == null ? null : data.clone();
  }

  /** The bytes as base64 (null for a URL image). */
  public String base64() {
    return data == null ? null : Base64.getEncoder().encodeToString(data);
  }

  /** The URL to send where a provider takes URLs only: the URL itself, or the bytes as a {@code data:} URL. */
  public String urlOrDataUrl() {
    return url != null ? url : "data:" + mediaType + ";base64," + base64();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImagePart other && Objects.equals(url, other.url) && Arrays.equals(data, other.data)
        && Objects.equals(mediaType, other.mediaType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, Arrays.hashCode(data), mediaType);
  }

  @Override
  public String toString() {
    return url != null ? "ImagePart[url=" + (url.startsWith("data:") ? url.substring(0, Math.min(url.length(), 30)) + "…" : url) + "]"
        : "ImagePart[" + mediaType + ", " + data.length + " bytes]";
  }
}
