package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.MalformedResponseException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code postJson} with a reader: the body parsed as it arrives, errors and retries as for a whole body. */
class StreamedBodyTest {
  private MockWebServer server;
  private HttpTransport transport;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    if (transport != null) {
      transport.close();
    }
    server.close();
  }

  @Test
  void successfulBodyReachesTheReaderWithTheHeadersMetadata() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").setHeader("x-request-id", "req-7")
        .body("{\"answer\":42}").build());
    transport = TestTransports.transport(server).build();
    String result = transport.postJson("chat", new Object(), (body, metadata) ->
        Json.read(body, JsonNode.class, "fake", "an answer").get("answer").asText() + "/" + metadata.requestId());
    assertEquals("42/req-7", result);
  }

  @Test
  void aRetryableFailureIsRetriedAndOnlyTheSuccessIsRead() {
    server.enqueue(TestTransports.openAiError(503, "server_error", null, "busy"));
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body("{\"answer\":1}").build());
    transport = TestTransports.transport(server).retry(TestTransports.FAST_RETRIES).build();
    AtomicInteger reads = new AtomicInteger();
    int answer = transport.postJson("chat", new Object(), (body, metadata) -> {
      reads.incrementAndGet();
      return Json.read(body, JsonNode.class, "fake", "an answer").get("answer").asInt();
    });
    assertEquals(1, answer);
    assertEquals(1, reads.get());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void anErrorStatusIsTypedAndRedactedWithoutCallingTheReader() {
    server.enqueue(TestTransports.openAiError(400, "invalid_request_error", null, "bad key " + TestTransports.KEY));
    transport = TestTransports.transport(server).build();
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> transport.postJson("chat", new Object(), (body, metadata) -> { throw new AssertionError("reader called"); }));
    assertFalse(e.getMessage().contains(TestTransports.KEY), e::getMessage);
  }

  @Test
  void aBodyThatIsNotJsonIsMalformed() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body("{\"answer\": oops}").build());
    transport = TestTransports.transport(server).build();
    MalformedResponseException e = assertThrows(MalformedResponseException.class,
        () -> transport.postJson("chat", new Object(), (body, metadata) -> Json.read(body, JsonNode.class, "fake", "an answer")));
    assertTrue(e.getMessage().contains("expected an answer"), e::getMessage);
  }
}
