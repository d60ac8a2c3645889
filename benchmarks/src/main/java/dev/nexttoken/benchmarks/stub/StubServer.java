package dev.nexttoken.benchmarks.stub;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 that answers every OpenAI call with pre-rendered bytes
 * (headers and body), so it costs almost nothing per call and the client is what gets measured.
 * Raw sockets, one thread per keep-alive connection: faster than {@code com.sun.net.httpserver}
 * and with no parsing beyond the request line, two headers and the {@code "stream"} flag.
 *
 * <p>Routes: {@code POST /v1/chat/completions} (a stream when the body has {@code "stream": true}),
 * {@code POST /v1/completions}, {@code POST /v1/responses} with {@code "stream": true} (the Responses
 * stream; a blocking Responses call is not canned); anything else is a 404. A path starting with
 * {@code /corrupt/} gets the same answers with one logprob changed, so each client's checker can be
 * shown to catch it.
 *
 * <p>Streams are framed as a real server sends tokens: chunked transfer encoding, one HTTP chunk per
 * server-sent event, each chunk its own socket write (with {@code TCP_NODELAY}, its own segment), so a
 * client reads them as they come rather than finding the whole body in its first read. Blocking answers
 * go out in one write with a {@code Content-Length}.
 *
 * <p>{@code GET /stats} answers {@code cpuNanos connections} (the stub process's CPU time so far and
 * the connections it has accepted), so a benchmark can charge the stub's work per operation to the
 * client that caused it ({@link dev.nexttoken.benchmarks.CpuProfiler}): a client that reads a stream in
 * more, smaller reads makes the server do more work for the same bytes.
 *
 * <p>Run as its own process: {@code java -cp … StubServer [portFile]} prints {@code port N} and, if
 * given, writes the port to {@code portFile}; it runs until killed.
 */
public final class StubServer implements AutoCloseable {
  private final ServerSocket server;
  /** [corrupt?][route] → the writes of one answer, in order. */
  private final byte[][][][] routes;
  private final AtomicLong connections = new AtomicLong();
  private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final int CHAT = 0;
  private static final int STREAM = 1;
  private static final int LEGACY = 2;
  private static final int RESPONSES = 3;
  private static final String SSE = "text/event-stream; charset=utf-8";
  private static final byte[][] NOT_FOUND = response(404, "application/json",
      "{\"error\":{\"message\":\"no such route\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}".getBytes(US_ASCII));

  private StubServer(ServerSocket server) {
    this.server = server;
    this.routes = new byte[][][][] {answers(false), answers(true)};
  }

  /** The answers by route index, with one logprob changed when {@code corrupt}. */
  private static byte[][][] answers(boolean corrupt) {
    return new byte[][][] {
      response(200, "application/json", Canned.chatJson(corrupt)),
      chunkedEvents(SSE, Canned.chatStreamSse(corrupt)),
      response(200, "application/json", Canned.legacyJson(corrupt)),
      chunkedEvents(SSE, Canned.responsesSse(corrupt)),
    };
  }

  /** Starts a server on 127.0.0.1 and {@code port} (0: any free port). */
  public static StubServer start(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
    StubServer stub = new StubServer(socket);
    Thread acceptor = new Thread(stub::acceptLoop, "stub-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return stub;
  }

  /** The port it listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /** The base URL a client is given: {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  public static void main(String[] args) throws Exception {
    StubServer stub = start(0);
    if (args.length > 0) {
      Files.writeString(Path.of(args[0]), Integer.toString(stub.port()));
    }
    System.out.println("port " + stub.port());
    Thread.currentThread().join();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(socket), "stub-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      OutputStream out = socket.getOutputStream();
      ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
      StringBuilder line = new StringBuilder(256);
      while (true) {
        if (!readLine(in, line)) {
          return; // the client closed the connection
        }
        String requestLine = line.toString();
        int contentLength = 0;
        boolean chunked = false;
        boolean close = false;
        while (readLine(in, line) && line.length() > 0) {
          int colon = line.indexOf(":");
          if (colon < 0) {
            continue;
          }
          String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
          String value = line.substring(colon + 1).trim();
          switch (name) {
            case "content-length" -> contentLength = Integer.parseInt(value);
            case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
            case "connection" -> close = value.equalsIgnoreCase("close");
            default -> { }
          }
        }
        body.reset();
        if (chunked) {
          readChunked(in, line, body);
        } else {
          copy(in, body, contentLength);
        }
        for (byte[] write : answer(requestLine, body.toByteArray())) {
          out.write(write); // the socket's own stream: one write, one send
        }
        out.flush();
        if (close) {
          return;
        }
      }
    } catch (IOException e) {
      // A client that goes away mid-call is normal here (cancelled streams, JVM exit).
    }
  }

  private byte[][] answer(String requestLine, byte[] body) {
    int space = requestLine.indexOf(' ');
    int end = requestLine.indexOf(' ', space + 1);
    String path = requestLine.substring(space + 1, end < 0 ? requestLine.length() : end);
    if (path.equals("/stats")) {
      return response(200, "text/plain", (os.getProcessCpuTime() + " " + connections.get()).getBytes(US_ASCII));
    }
    boolean corrupt = path.startsWith("/corrupt/");
    byte[][][] set = routes[corrupt ? 1 : 0];
    String route = corrupt ? path.substring("/corrupt".length()) : path;
    return switch (route) {
      case "/v1/chat/completions" -> set[isStream(body) ? STREAM : CHAT];
      case "/v1/completions" -> set[LEGACY];
      case "/v1/responses" -> isStream(body) ? set[RESPONSES] : NOT_FOUND;
      default -> NOT_FOUND;
    };
  }

  /** Whether a JSON request body has {@code "stream"} set to {@code true}, whatever the spacing. */
  static boolean isStream(byte[] body) {
    String s = new String(body, US_ASCII);
    int at = s.indexOf("\"stream\"");
    if (at < 0) {
      return false;
    }
    int k = at + 8;
    while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == ':' || s.charAt(k) == '\n' || s.charAt(k) == '\t')) {
      k++;
    }
    return s.startsWith("true", k);
  }

  /** A whole answer with a {@code Content-Length}, in one write. */
  private static byte[][] response(int status, String contentType, byte[] body) {
    byte[] head = head(status, contentType, "Content-Length: " + body.length).getBytes(US_ASCII);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return new byte[][] {all};
  }

  /**
   * A stream with chunked transfer encoding: the headers in one write, then one HTTP chunk per event
   * (an event ends at its blank line), then the last chunk.
   */
  static byte[][] chunkedEvents(String contentType, byte[] events) {
    List<byte[]> writes = new ArrayList<>();
    writes.add(head(200, contentType, "Transfer-Encoding: chunked").getBytes(US_ASCII));
    int start = 0;
    for (int i = 0; i + 1 < events.length; i++) {
      if (events[i] == '\n' && events[i + 1] == '\n') {
        writes.add(chunk(events, start, i + 2 - start));
        start = i + 2;
        i++;
      }
    }
    if (start < events.length) {
      writes.add(chunk(events, start, events.length - start));
    }
    writes.add("0\r\n\r\n".getBytes(US_ASCII));
    return writes.toArray(new byte[0][]);
  }

  private static byte[] chunk(byte[] data, int from, int length) {
    byte[] size = (Integer.toHexString(length) + "\r\n").getBytes(US_ASCII);
    byte[] out = new byte[size.length + length + 2];
    System.arraycopy(size, 0, out, 0, size.length);
    System.arraycopy(data, from, out, size.length, length);
    out[out.length - 2] = '\r';
    out[out.length - 1] = '\n';
    return out;
  }

  private static String head(int status, String contentType, String framing) {
    return "HTTP/1.1 " + status + (status == 200 ? " OK" : " Not Found") + "\r\n"
        + "Content-Type: " + contentType + "\r\n"
        + framing + "\r\n"
        + "x-request-id: req_bench\r\n"
        + "openai-processing-ms: 1\r\n"
        + "\r\n";
  }

  private static boolean readLine(InputStream in, StringBuilder line) throws IOException {
    line.setLength(0);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
          line.setLength(n - 1);
        }
        return true;
      }
      line.append((char) c);
    }
    return line.length() > 0;
  }

  private static void readChunked(InputStream in, StringBuilder line, ByteArrayOutputStream body) throws IOException {
    while (readLine(in, line)) {
      int semi = line.indexOf(";");
      int size = Integer.parseInt((semi < 0 ? line.toString() : line.substring(0, semi)).trim(), 16);
      if (size == 0) {
        while (readLine(in, line) && line.length() > 0) {
          // trailers
        }
        return;
      }
      copy(in, body, size);
      readLine(in, line); // the CRLF after the chunk
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream body, int length) throws IOException {
    byte[] buffer = new byte[Math.min(length, 8192) + 1];
    int left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, Math.min(left, buffer.length));
      if (n < 0) {
        throw new IOException("body ended early");
      }
      body.write(buffer, 0, n);
      left -= n;
    }
  }
}
