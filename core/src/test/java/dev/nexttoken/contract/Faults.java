package dev.nexttoken.contract;

import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

/**
 * Broken responses built from a provider's own well-formed ones: cut, stalled, padded or followed by
 * an error, so every provider faces the same faults in its own wire format.
 */
public final class Faults {
  /** The marker of the first token event in every contract fixture ("Hello world" in two tokens). */
  private static final String FIRST_TOKEN = "\"Hello\"";

  private Faults() {}

  /** The body of {@code response} as text. */
  public static String text(MockResponse response) {
    return new String(ScriptedBody.bytesOf(response), StandardCharsets.UTF_8);
  }

  /** The stream's events up to and including the one that carries the first token ("Hello"), each ended by a blank line. */
  public static String throughFirstToken(MockResponse stream) {
    String body = text(stream).replace("\r\n", "\n");
    int token = body.indexOf(FIRST_TOKEN);
    if (token < 0) {
      throw new IllegalArgumentException("the streamed answer has no \"Hello\" token event");
    }
    int end = body.indexOf("\n\n", token);
    return body.substring(0, end + 2);
  }

  /** The first half of the body of {@code response}. */
  public static String firstHalf(MockResponse response) {
    String body = text(response);
    return body.substring(0, body.length() / 2);
  }

  /** {@code response} with {@code body} sent, then the socket closed although the Content-Length promised more. */
  public static MockResponse cutAfter(MockResponse response, String body) {
    return response.newBuilder().body(body).setHeader("Content-Length", body.getBytes(StandardCharsets.UTF_8).length + 4096)
        .onResponseEnd(new SocketEffect.CloseSocket(true, false, false)).build();
  }

  /**
   * {@code response} with {@code body} sent without any length or chunking, then the connection closed:
   * the way an HTTP/1.0 proxy ends a body, so a cut looks like a clean end to the HTTP layer.
   */
  public static MockResponse closeDelimited(MockResponse response, String body) {
    return response.newBuilder().body(body).removeHeader("Content-Length").setHeader("Connection", "close")
        .onResponseEnd(new SocketEffect.CloseSocket(true, false, false)).build();
  }

  /** {@code response} with its body replaced. */
  public static MockResponse withBody(MockResponse response, String body) {
    return response.newBuilder().body(body).build();
  }

  /** The first token event padded with an ignored field of {@code padBytes} bytes, so that one {@code data:} line is that large. */
  public static String padFirstTokenEvent(MockResponse stream, int padBytes) {
    String body = text(stream).replace("\r\n", "\n");
    int token = body.indexOf(FIRST_TOKEN);
    int lineStart = body.lastIndexOf("\ndata:", token) + 1;
    int brace = body.indexOf('{', lineStart);
    return body.substring(0, brace + 1) + "\"nexttoken_fault_padding\":\"" + "x".repeat(padBytes) + "\"," + body.substring(brace + 1);
  }

  /** An HTML error page of the kind a proxy or load balancer sends. */
  public static MockResponse htmlPage(int status) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "text/html; charset=utf-8")
        .body("<html><head><title>" + status + " Bad Gateway</title></head><body><center><h1>" + status
            + " Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n")
        .build();
  }
}
