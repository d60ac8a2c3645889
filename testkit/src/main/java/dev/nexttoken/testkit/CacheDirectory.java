package dev.nexttoken.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The nexttoken cache folder: {@code $NEXTTOKEN_CACHE}, else {@code ~/.cache/nexttoken} (as the install script). */
final class CacheDirectory {
  private CacheDirectory() {}

  static Path root() {
    String env = System.getenv("NEXTTOKEN_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "nexttoken");
  }

  /**
   * Writes {@code content} into {@code dir} as {@code <prefix><hash><suffix>}, atomically, unless it is already
   * there. The name carries a hash of the content, so parallel JVMs and different contents never clash.
   */
  static Path contentAddressed(Path dir, String prefix, String suffix, byte[] content) {
    try {
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 8);
      Path file = dir.resolve(prefix + hash + suffix);
      if (Files.isRegularFile(file) && Files.size(file) == content.length) {
        return file;
      }
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, prefix, ".tmp");
      try {
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + prefix + "*" + suffix + " into " + dir, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
