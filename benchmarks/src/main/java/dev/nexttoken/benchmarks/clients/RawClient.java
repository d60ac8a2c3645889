package dev.nexttoken.benchmarks.clients;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.nexttoken.benchmarks.stub.Canned;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;

/**
 * Measures the stub's own ceiling: sends fixed request bytes over a kept-alive socket per thread and
 * reads the answer's bytes without parsing them (only the status line, Content-Length and, for a
 * stream, the chunk sizes). Checks
 * nothing but the status, so it is not one of the compared clients.
 */
public final class RawClient implements BenchClient {
  private final String host;
  private final int port;
  private final byte[] chatRequest;
  private final byte[] streamRequest;
  private final byte[] legacyRequest;
  private final byte[] responsesRequest;
  private final ThreadLocal<Connection> connections = ThreadLocal.withInitial(this::connect);

  public RawClient(String baseUrl) {
    URI uri = URI.create(baseUrl);
    host = uri.getHost();
    port = uri.getPort();
    String path = uri.getPath();
    chatRequest = request(path + "/chat/completions", "{\"model\":\"gpt-4o-mini\",\"logprobs\":true,\"top_logprobs\":5}");
    streamRequest = request(path + "/chat/completions", "{\"model\":\"gpt-4o-mini\",\"logprobs\":true,\"top_logprobs\":5,\"stream\":true}");
    legacyRequest = request(path + "/completions", "{\"model\":\"gpt-3.5-turbo-instruct\",\"logprobs\":5}");
    responsesRequest = request(path + "/responses",
        "{\"model\":\"gpt-4o-mini\",\"include\":[\"message.output_text.logprobs\"],\"top_logprobs\":5,\"stream\":true}");
  }

  private byte[] request(String path, String body) {
    return ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + Canned.API_KEY
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(US_ASCII);
  }

  @Override
  public void chat() {
    connections.get().call(chatRequest);
  }

  @Override
  public void stream() {
    connections.get().call(streamRequest);
  }

  @Override
  public void legacy() {
    connections.get().call(legacyRequest);
  }

  @Override
  public void responses() {
    connections.get().call(responsesRequest);
  }

  @Override
  public boolean hasResponses() {
    return true;
  }

  @Override
  public void close() {
    // Sockets are closed with their threads' JVM; this client only lives in a benchmark fork.
  }

  private Connection connect() {
    try {
      Socket socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      return new Connection(socket.getOutputStream(), new BufferedInputStream(socket.getInputStream(), 64 * 1024));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Connection(OutputStream out, InputStream in) {
    private static final byte[] SINK = new byte[64 * 1024];

    void call(byte[] request) {
      try {
        out.write(request);
        out.flush();
        long length = -1;
        boolean chunked = false;
        StringBuilder line = new StringBuilder();
        boolean statusLine = true;
        while (true) {
          readLine(line);
          if (statusLine) {
            if (!line.toString().startsWith("HTTP/1.1 200")) {
              throw new IOException("unexpected status: " + line);
            }
            statusLine = false;
            continue;
          }
          if (line.length() == 0) {
            break;
          }
          if (line.length() > 15 && line.substring(0, 15).equalsIgnoreCase("content-length:")) {
            length = Long.parseLong(line.substring(15).trim());
          } else if (line.toString().equalsIgnoreCase("transfer-encoding: chunked")) {
            chunked = true;
          }
        }
        if (chunked) {
          while (true) {
            readLine(line);
            long size = Long.parseLong(line.toString().trim(), 16);
            skip(size);
            readLine(line); // the CRLF after the chunk (or the end of the trailers after the last one)
            if (size == 0) {
              return;
            }
          }
        }
        if (length < 0) {
          throw new IOException("no Content-Length");
        }
        skip(length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void readLine(StringBuilder line) throws IOException {
      line.setLength(0);
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new IOException("connection closed");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
    }

    private void skip(long length) throws IOException {
      while (length > 0) {
        int n = in.read(SINK, 0, (int) Math.min(SINK.length, length));
        if (n < 0) {
          throw new IOException("body ended early");
        }
        length -= n;
      }
    }
  }
}
