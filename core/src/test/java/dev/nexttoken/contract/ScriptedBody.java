package dev.nexttoken.contract;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.Buffer;
import okio.BufferedSink;

/**
 * Response bodies that do not simply end, for tests of cancellation and idle timeouts: they send
 * some bytes, then either keep the connection busy until the client hangs up, or fall silent.
 *
 * <p>The bodies have no length: the response is read until the connection closes, which is what
 * lets the server notice a client that went away.
 */
public final class ScriptedBody implements MockResponseBody {
  private final byte[] prefix;
  private final CountDownLatch clientGone;
  private final CountDownLatch release;

  private ScriptedBody(byte[] prefix, CountDownLatch clientGone, CountDownLatch release) {
    this.prefix = prefix;
    this.clientGone = clientGone;
    this.release = release;
  }

  /**
   * {@code response} with its body sent in full and then followed by SSE comments until the client
   * closes the connection, when {@code clientGone} is counted down. A client that stopped reading
   * fills the socket buffers and blocks the server, so only a real close releases it.
   */
  public static MockResponse thenKeepAlive(MockResponse response, CountDownLatch clientGone) {
    return withBody(response, new ScriptedBody(bytesOf(response), clientGone, null));
  }

  /** {@code response} with {@code prefix} as its body, then silence until {@code release} (or the client leaves). */
  public static MockResponse thenStall(MockResponse response, String prefix, CountDownLatch release) {
    return withBody(response, new ScriptedBody(prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8), new CountDownLatch(1), release));
  }

  /** The body of {@code response} as bytes. */
  public static byte[] bytesOf(MockResponse response) {
    Buffer buffer = new Buffer();
    try {
      if (response.getBody() != null) {
        response.getBody().writeTo(buffer);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return buffer.readByteArray();
  }

  private static MockResponse withBody(MockResponse response, ScriptedBody body) {
    return response.newBuilder().body(body).removeHeader("Content-Length").build();
  }

  @Override
  public long getContentLength() {
    return -1;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    try {
      sink.write(prefix);
      sink.flush();
      if (release != null) {
        release.await(30, TimeUnit.SECONDS);
        return;
      }
      // Bounded so a test that never closes cannot spin forever; 64 MiB is far beyond socket buffers.
      for (int i = 0; i < (64 << 20) / 14; i++) {
        sink.writeUtf8(": keep-alive\n\n");
        sink.flush();
      }
    } catch (IOException e) {
      clientGone.countDown();
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
