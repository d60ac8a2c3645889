package dev.nexttoken.testkit;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code llama-server} process on a free loopback port, serving one model; {@link #close()} stops it.
 *
 * <pre>{@code
 * try (LlamaServer server = LlamaServer.builder(KnownAnswerModel.defaultModel().cachedFile()).start()) {
 *   URI completion = URI.create(server.baseUrl() + "/completion");
 *   ...
 * }
 * }</pre>
 *
 * <p>The server runs with {@code -np 1 -t 2 --seed 42}, which makes its logprobs deterministic. {@link #start} returns
 * once {@code /health} answers 200. A JVM shutdown hook stops servers that were never closed. Thread-safe.
 */
public final class LlamaServer implements AutoCloseable {
  private static final int LOG_LINES = 200;
  private static final int PORT_ATTEMPTS = 3;
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Process process;
  private final int port;
  private final RecentOutput output;
  private final Thread shutdownHook;
  private final long startMillis;

  private LlamaServer(Process process, int port, RecentOutput output, long startMillis) {
    this.process = process;
    this.port = port;
    this.output = output;
    this.startMillis = startMillis;
    this.shutdownHook = new Thread(this::stop, "llama-server-shutdown-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** A builder for a server of {@code model} (a GGUF file). */
  public static Builder builder(Path model) {
    return new Builder(model);
  }

  /** Starts a server of {@code model} with the defaults: located executable, context 256, 60 s to start. */
  public static LlamaServer start(Path model) {
    return builder(model).start();
  }

  /** For example {@code http://127.0.0.1:40123}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The last lines the process wrote (stdout and stderr together). */
  public String log() {
    return output.text();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Milliseconds from launching the process to {@code /health} answering 200. */
  public long startMillis() {
    return startMillis;
  }

  /** Stops the process: politely first, forcibly after a grace period. Idempotent. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run; nothing left to undo.
    }
  }

  private void stop() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "LlamaServer[" + baseUrl() + ", pid " + process.pid() + (isAlive() ? "" : ", stopped") + "]";
  }

  /** Options for starting a server; only the model is required. */
  public static final class Builder {
    private final Path model;
    private Path executable;
    private int contextSize = 256;
    private Duration startTimeout = Duration.ofSeconds(60);
    private boolean jinja;
    private String chatTemplate;
    private final List<String> extraArgs = new ArrayList<>();

    private Builder(Path model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The llama-server to run; by default {@link LlamaServerLocator#locate()} finds (or installs) one. */
    public Builder executable(Path executable) {
      this.executable = executable;
      return this;
    }

    /** The context size in tokens ({@code -c}); default 256. */
    public Builder contextSize(int tokens) {
      if (tokens <= 0) {
        throw new IllegalArgumentException("contextSize must be positive, was " + tokens);
      }
      this.contextSize = tokens;
      return this;
    }

    /** How long to wait for {@code /health} to answer 200; default 60 seconds. */
    public Builder startTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive, was " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Renders chat prompts with the Jinja template engine ({@code --jinja}) and the model's own chat template, as
     * tool calls need: the server reads from the template how a call is written, and parses calls out of the
     * answer. (Recent builds have it on by default; older ones need the flag.)
     */
    public Builder jinja() {
      jinja = true;
      return this;
    }

    /**
     * {@link #jinja()} with {@code template} instead of the model's own: written to the cache folder
     * ({@code templates/chat-<hash>.jinja}) and passed as {@code --chat-template-file}.
     */
    public Builder jinja(String template) {
      if (template == null || template.isBlank()) {
        throw new IllegalArgumentException("the chat template must not be blank");
      }
      jinja = true;
      chatTemplate = template;
      return this;
    }

    /** Further command-line arguments, e.g. {@code "--chat-template-file", path}. */
    public Builder extraArgs(String... args) {
      extraArgs.addAll(List.of(args));
      return this;
    }

    /**
     * Starts the server and waits until it is healthy.
     *
     * @throws LlamaServerException if it cannot be found, exits, or is not healthy in time; with its log
     */
    public LlamaServer start() {
      if (!Files.isRegularFile(model)) {
        throw new LlamaServerException("model file not found: " + model);
      }
      Path exe = LlamaServerLocator.locate(executable);
      LlamaServerException last = null;
      // A port picked free can be taken before the server binds it; then try another.
      for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
        try {
          return launch(exe, freePort());
        } catch (PortTakenException e) {
          last = e;
        }
      }
      throw last;
    }

    private LlamaServer launch(Path exe, int port) {
      List<String> command = new ArrayList<>(List.of(exe.toString(), "-m", model.toString(),
          "--host", "127.0.0.1", "--port", Integer.toString(port), "-c", Integer.toString(contextSize),
          "-np", "1", "-t", "2", "--seed", "42", "--no-webui"));
      if (jinja) {
        command.add("--jinja");
      }
      if (chatTemplate != null) {
        command.addAll(List.of("--chat-template-file", templateFile(chatTemplate).toString()));
      }
      command.addAll(extraArgs);
      long t0 = System.nanoTime();
      Process process;
      try {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
      } catch (IOException e) {
        throw new LlamaServerException("cannot run " + exe + ": " + e.getMessage(), e);
      }
      RecentOutput output = new RecentOutput(process.getInputStream(), LOG_LINES, "llama-server-" + port, l -> {});
      long deadline = t0 + startTimeout.toNanos();
      try {
        // Liveness is checked after health too: another process on the same port could answer for us.
        while (!healthy(port) || !process.isAlive()) {
          if (!process.isAlive()) {
            output.awaitEnd(1_000);
            String log = output.text();
            String message = "llama-server exited with status " + process.exitValue() + " before becoming healthy"
                + "\ncommand: " + String.join(" ", command) + "\nlog:\n" + log;
            throw log.contains("bind") ? new PortTakenException(message) : new LlamaServerException(message);
          }
          if (System.nanoTime() > deadline) {
            throw new LlamaServerException("llama-server was not healthy within " + startTimeout
                + "\ncommand: " + String.join(" ", command) + "\nlog:\n" + output.text());
          }
          Thread.sleep(10);
        }
      } catch (InterruptedException | RuntimeException e) {
        process.destroyForcibly();
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          throw new LlamaServerException("interrupted while starting llama-server", e);
        }
        throw (RuntimeException) e;
      }
      return new LlamaServer(process, port, output, (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private static Path templateFile(String template) {
    return CacheDirectory.contentAddressed(CacheDirectory.root().resolve("templates"), "chat-", ".jinja",
        template.getBytes(StandardCharsets.UTF_8));
  }

  /** True when {@code /health} answers 200; 503 means the model is still loading. */
  private static boolean healthy(int port) {
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2_000);
      return c.getResponseCode() == 200;
    } catch (IOException notYetListening) {
      return false;
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LlamaServerException("no free loopback port: " + e.getMessage(), e);
    }
  }

  private static final class PortTakenException extends LlamaServerException {
    PortTakenException(String message) {
      super(message);
    }
  }
}
