package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Chunk;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.StreamErrorException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stream error that only the provider's mapper can recognise (its own event shape, like OpenAI
 * Responses' {@code response.failed}) leaves core as redacted and as complete as the ones core
 * finds itself: the credential cut out, the request id filled in, the call cancelled.
 */
class MapperStreamErrorTest {
  private final MockWebServer server = new MockWebServer();
  private HttpTransport transport;

  @BeforeEach
  void start() throws Exception {
    server.start();
    transport = TestTransports.transport(server).build();
  }

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  @Test
  void aMappersStreamErrorIsRedactedAndCarriesTheRequestId() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").setHeader("x-request-id", "req-m1")
        .body("data: {\"type\":\"delta\",\"text\":\"Hel\"}\n\ndata: {\"type\":\"failed\"}\n\n").build());
    EventMapper mapper = event -> {
      if (event.data().contains("failed")) {
        // What a careless mapper might do: quote the provider's message, which echoed the key.
        throw new StreamErrorException("fake: the response failed: bad key " + TestTransports.KEY,
            new ErrorDetails("fake", 0, "server_error", "failed", "bad key " + TestTransports.KEY, null, null, false),
            new IllegalStateException("context " + TestTransports.KEY));
      }
      return new Chunk("Hel", null, null, null, null, null, Map.of());
    };

    try (CompletionStream stream = transport.openStream("chat", Map.of(), HttpTransport.Framing.SERVER_SENT_EVENTS, mapper)) {
      StreamErrorException e = assertThrows(StreamErrorException.class, stream::collect);

      assertEquals("fake: the response failed: bad key ***", e.getMessage());
      assertEquals("bad key ***", e.details().providerMessage());
      assertEquals("req-m1", e.details().requestId());
      assertEquals(200, e.details().httpStatus());
      assertEquals("failed", e.details().errorCode());
      assertEquals("Hel", stream.partial().text());
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertFalse(trace.toString().contains(TestTransports.KEY), trace::toString);
      assertTrue(trace.toString().contains("IllegalStateException: context ***"), trace::toString);
    }
  }

  @Test
  void aMappersStreamErrorWithoutCauseStaysWithoutOne() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body("data: {}\n\n").build());
    EventMapper mapper = event -> {
      throw new StreamErrorException("fake: failed", ErrorDetails.of("fake"));
    };

    try (CompletionStream stream = transport.openStream("chat", Map.of(), HttpTransport.Framing.SERVER_SENT_EVENTS, mapper)) {
      StreamErrorException e = assertThrows(StreamErrorException.class, stream::collect);

      assertEquals("fake: failed", e.getMessage());
      assertNull(e.getCause());
    }
  }
}
