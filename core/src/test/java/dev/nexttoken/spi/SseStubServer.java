package dev.nexttoken.spi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback server streaming the fake provider's events to many clients at once, lighter than
 * MockWebServer (which spends a thread per connection). Holding, a handler sends the first token
 * and parks the exchange until {@link #release()} sends every parked stream the rest; not holding,
 * each stream is sent whole at once.
 *
 * <p>{@link #main} serves it to a test in another JVM ({@link StubProcess}): {@code port N} on
 * stdout, then one command a line on stdin ({@code release}, {@code open} to stop holding); it
 * exits at the end of stdin.
 */
final class SseStubServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService handlers = Executors.newFixedThreadPool(4, r -> new Thread(r, "sse-stub"));
  private final int tokens;
  private final List<HttpExchange> parked = new ArrayList<>();
  private boolean holding;

  SseStubServer(int tokens, boolean hold) throws IOException {
    this.tokens = tokens;
    this.holding = hold;
    // A backlog this deep: 10,000 clients connect within a second or two.
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16_384);
    server.createContext("/", this::handle);
    server.setExecutor(handlers);
    server.start();
  }

  public static void main(String[] args) throws IOException {
    try (SseStubServer stub = new SseStubServer(Integer.parseInt(args[0]), Boolean.parseBoolean(args[1]))) {
      System.out.println("port " + stub.port());
      System.out.flush();
      BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String command = commands.readLine(); command != null; command = commands.readLine()) {
        switch (command) {
          case "release" -> stub.release();
          case "open" -> stub.stopHolding();
          default -> throw new IllegalArgumentException("unknown command: " + command);
        }
      }
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Sends the rest of every parked stream; streams that arrive later are parked again. */
  void release() {
    List<HttpExchange> release;
    synchronized (parked) {
      release = new ArrayList<>(parked);
      parked.clear();
    }
    for (HttpExchange e : release) {
      sendRest(e, 1);
    }
  }

  /** Releases every parked stream and parks no more (a test that failed must not wait for a hold). */
  void stopHolding() {
    synchronized (parked) {
      holding = false;
    }
    release();
  }

  /** The text a whole stream of {@code tokens} tokens carries. */
  static String expectedText(int tokens) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < tokens; i++) {
      text.append(token(i));
    }
    return text.toString();
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    synchronized (parked) {
      if (holding) {
        write(exchange.getResponseBody(), event(0));
        parked.add(exchange);
        return;
      }
    }
    sendRest(exchange, 0);
  }

  private void sendRest(HttpExchange exchange, int from) {
    try (OutputStream out = exchange.getResponseBody()) {
      StringBuilder rest = new StringBuilder();
      for (int i = from; i < tokens; i++) {
        rest.append(event(i));
      }
      rest.append("data: {\"id\":\"load\",\"finish\":\"stop\",\"usage\":{\"prompt\":3,\"completion\":").append(tokens).append("}}\n\n");
      rest.append("data: [DONE]\n\n");
      write(out, rest.toString());
    } catch (IOException | UncheckedIOException e) {
      // The client gave up on this stream; the others still get theirs.
    } finally {
      exchange.close();
    }
  }

  private static String event(int i) {
    return "data: {\"id\":\"load\",\"text\":\"" + token(i) + "\",\"logprobs\":[{\"token\":\"" + token(i) + "\",\"logprob\":-0.5,\"top\":[]}]}\n\n";
  }

  private static String token(int i) {
    return " t" + i;
  }

  private static void write(OutputStream out, String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
