package dev.nexttoken.spi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server streaming the fake provider's events to many clients at once, lighter than
 * MockWebServer (which spends a thread per connection): a handler sends the first token and parks
 * the exchange; when {@code holdUntil} streams are open, the rest of every stream is sent. With
 * {@code holdUntil} 0 each stream is sent whole at once.
 */
final class SseStubServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService handlers = Executors.newFixedThreadPool(4, r -> new Thread(r, "sse-stub"));
  private final int tokens;
  private final int holdUntil;
  private final List<HttpExchange> parked = new ArrayList<>();
  private final AtomicInteger served = new AtomicInteger();

  SseStubServer(int tokens, int holdUntil) throws IOException {
    this.tokens = tokens;
    this.holdUntil = holdUntil;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    server.createContext("/", this::handle);
    server.setExecutor(handlers);
    server.start();
  }

  /** The base URL, for a model's builder. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
  }

  /** The text a whole stream carries. */
  String expectedText() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < tokens; i++) {
      text.append(token(i));
    }
    return text.toString();
  }

  /** How many streams were opened. */
  int served() {
    return served.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    served.incrementAndGet();
    if (holdUntil == 0) {
      sendRest(exchange, 0);
      return;
    }
    write(exchange.getResponseBody(), event(0));
    List<HttpExchange> release = null;
    synchronized (parked) {
      parked.add(exchange);
      if (parked.size() == holdUntil) {
        release = new ArrayList<>(parked);
        parked.clear();
      }
    }
    if (release != null) {
      // Every stream is open at once now: only then does any of them get its remaining tokens.
      for (HttpExchange e : release) {
        sendRest(e, 1);
      }
    }
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      exchange.close();
    }
  }

  private String event(int i) {
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
