package dev.nexttoken.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a {@code llama-server} executable, installing one into the cache folder as a last resort.
 *
 * <p>Search order, first hit wins:
 * <ol>
 *   <li>the explicit path given to {@link #locate(Path)};
 *   <li>the system property {@value #PROPERTY}, then the environment variable {@value #ENV};
 *   <li>{@code llama-server} on the {@code PATH};
 *   <li>the cached install, {@code $NEXTTOKEN_CACHE/llama.cpp/bin/llama-server} (default cache
 *       {@code ~/.cache/nexttoken});
 *   <li>running the bundled {@code install-llama-server} script (Debian only; it unpacks Debian unstable's packages
 *       into the cache folder, about 12 MB, and takes 20 seconds or so).
 * </ol>
 * A path that is named explicitly (steps 1 and 2) but not executable is an error, not a reason to look further.
 */
public final class LlamaServerLocator {
  /** System property naming the executable. */
  public static final String PROPERTY = "nexttoken.llamaServer";
  /** Environment variable naming the executable. */
  public static final String ENV = "NEXTTOKEN_LLAMA_SERVER";

  private static final System.Logger LOG = System.getLogger(LlamaServerLocator.class.getName());
  private static final String SCRIPT_RESOURCE = "install-llama-server";
  private static final long INSTALL_TIMEOUT_MINUTES = 15;

  private LlamaServerLocator() {}

  /** Locates llama-server without an explicit path. */
  public static Path locate() {
    return locate(null);
  }

  /**
   * Locates llama-server, trying {@code explicit} first when it is not null.
   *
   * @throws LlamaServerException if none is found and the install fails, naming every place tried
   */
  public static synchronized Path locate(Path explicit) {
    if (explicit != null) {
      return requireExecutable(explicit, "the explicit path");
    }
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return requireExecutable(Path.of(property), "system property " + PROPERTY);
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return requireExecutable(Path.of(env), "environment variable " + ENV);
    }
    List<String> tried = new ArrayList<>();
    tried.add("system property " + PROPERTY + " and environment variable " + ENV + " (not set)");
    Path onPath = findOnPath();
    if (onPath != null) {
      return onPath;
    }
    tried.add("llama-server on PATH (not found)");
    Path cached = cachedInstall();
    if (Files.isExecutable(cached)) {
      return cached;
    }
    tried.add(cached + " (not installed)");
    return install(tried);
  }

  /** Where the install script puts its launcher. */
  public static Path cachedInstall() {
    return CacheDirectory.root().resolve("llama.cpp").resolve("bin").resolve("llama-server");
  }

  private static Path requireExecutable(Path path, String source) {
    if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
      throw new LlamaServerException("llama-server named by " + source + " is not an executable file: " + path);
    }
    return path;
  }

  private static Path findOnPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : List.of("llama-server", "llama-server.exe")) {
        if (!dir.isEmpty()) {
          Path candidate = Path.of(dir, name);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return candidate;
          }
        }
      }
    }
    return null;
  }

  private static Path install(List<String> tried) {
    Path script = null;
    try {
      script = extractScript();
      LOG.log(Level.INFO, "llama-server not found; installing it into " + CacheDirectory.root());
      ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
      pb.environment().put("NEXTTOKEN_CACHE", CacheDirectory.root().toString());
      Process process = pb.start();
      process.getOutputStream().close();
      RecentOutput output = new RecentOutput(process.getInputStream(), 60, "install-llama-server",
          line -> LOG.log(Level.INFO, line));
      if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw failure(tried, "the install script did not finish within " + INSTALL_TIMEOUT_MINUTES + " minutes", output);
      }
      output.awaitEnd(5_000);
      int exit = process.exitValue();
      // The script prints the launcher's path as its last line on success.
      Path launcher = Path.of(output.lastLine().trim());
      if (exit != 0 || !Files.isExecutable(launcher)) {
        throw failure(tried, "the install script failed with exit status " + exit, output);
      }
      return launcher;
    } catch (IOException e) {
      throw new LlamaServerException(tried(tried) + "could not run the install script (is bash installed?): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlamaServerException(tried(tried) + "interrupted while installing llama-server", e);
    } finally {
      if (script != null) {
        try {
          Files.deleteIfExists(script);
        } catch (IOException ignored) {
          // A leftover temp file is harmless.
        }
      }
    }
  }

  private static Path extractScript() throws IOException {
    try (InputStream in = LlamaServerLocator.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + SCRIPT_RESOURCE + " missing from the testkit jar");
      }
      Path tmp = Files.createTempFile("install-llama-server", ".sh");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      return tmp;
    }
  }

  private static LlamaServerException failure(List<String> tried, String what, RecentOutput output) {
    return new LlamaServerException(tried(tried) + what + ". Its output:\n" + output.text());
  }

  private static String tried(List<String> tried) {
    return "llama-server not found. Tried: " + String.join("; ", tried) + "; then the install script: ";
  }
}
