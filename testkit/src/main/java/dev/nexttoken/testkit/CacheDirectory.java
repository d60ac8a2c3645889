package dev.nexttoken.testkit;

import java.nio.file.Path;

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
}
