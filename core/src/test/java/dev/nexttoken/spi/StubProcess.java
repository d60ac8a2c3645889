package dev.nexttoken.spi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@link SseStubServer} in a JVM of its own, as the issue 20 harness runs its stub. Why: the load
 * test's heap and thread figures must be the client's alone, and 10,000 loopback connections are
 * 20,000 sockets in one process, past the 20,000 files a process may open here.
 */
final class StubProcess implements AutoCloseable {
  private final Process process;
  private final Writer commands;
  private final Path log;
  private final int port;

  private StubProcess(Process process, Path log) throws IOException {
    this.process = process;
    this.log = log;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String first = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    if (first == null || !first.startsWith("port ")) {
      process.destroyForcibly();
      throw new IllegalStateException("the stub did not start: " + first + "\n" + Files.readString(log));
    }
    this.port = Integer.parseInt(first.substring("port ".length()));
  }

  /** Starts a stub that streams {@code tokens} tokens, holding each stream after the first if {@code hold}. */
  static StubProcess start(int tokens, boolean hold) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // Its stderr goes to a file: the surefire fork's own streams carry surefire's protocol.
    Path log = Files.createTempFile("sse-stub", ".log");
    Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        SseStubServer.class.getName(), Integer.toString(tokens), Boolean.toString(hold))
        .redirectError(log.toFile())
        .start();
    return new StubProcess(process, log);
  }

  /** The base URL, for a model's builder. */
  String url() {
    return "http://127.0.0.1:" + port + "/v1/";
  }

  /** Sends the rest of every stream now parked; later ones are parked again. */
  void release() {
    send("release");
  }

  /** Releases every parked stream and holds no more. */
  void open() {
    send("open");
  }

  private void send(String command) {
    try {
      commands.write(command + "\n");
      commands.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the stub has gone: " + command, e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      commands.close(); // the stub exits at the end of its stdin
    } catch (IOException alreadyGone) {
      // it exited first
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(log);
  }
}
