package dev.nexttoken.spi;

import dev.nexttoken.internal.ErrorMapper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.error.NextTokenException;
import java.io.IOException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The status → exception table of {@link ErrorMapper}, observed through real HTTP responses. */
class StatusMappingTest {
  private MockWebServer server;
  private HttpTransport transport;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    transport = TestTransports.transport(server).build();
  }

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  /**
   * Body kinds: {@code openai} {"error":{type,code,message}}, {@code quota} the same with code
   * insufficient_quota, {@code cohere} {"id","message"} (no request-id header, so the body's id is
   * used), {@code llama} an integer code, {@code html} a proxy's page, {@code empty} no body.
   */
  @ParameterizedTest(name = "{0} {1} {2} -> {3} retryable={4}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # status | headers                          | body   | exception                 | retryable | retryAfterMs
        400    | -                                | openai | InvalidRequestException   | false     | -
        400    | x-should-retry: true             | openai | InvalidRequestException   | true      | -
        401    | -                                | openai | AuthenticationException   | false     | -
        402    | -                                | cohere | QuotaExceededException    | false     | -
        403    | -                                | openai | PermissionDeniedException | false     | -
        404    | -                                | openai | NotFoundException         | false     | -
        408    | -                                | openai | ApiException              | true      | -
        409    | -                                | openai | ApiException              | true      | -
        413    | -                                | html   | InvalidRequestException   | false     | -
        418    | -                                | empty  | ApiException              | false     | -
        422    | -                                | cohere | InvalidRequestException   | false     | -
        429    | Retry-After: 7                   | openai | RateLimitException        | true      | 7000
        429    | retry-after-ms: 250,Retry-After: 7 | openai | RateLimitException      | true      | 250
        429    | x-should-retry: false            | openai | RateLimitException        | false     | -
        429    | -                                | quota  | QuotaExceededException    | false     | -
        429    | x-should-retry: true             | quota  | QuotaExceededException    | false     | -
        498    | -                                | cohere | AuthenticationException   | false     | -
        499    | -                                | cohere | ApiException              | true      | -
        500    | -                                | llama  | ServerException           | true      | -
        501    | -                                | openai | ServerException           | false     | -
        502    | -                                | html   | ServerException           | true      | -
        503    | -                                | openai | ServerException           | true      | -
        503    | x-should-retry: false            | openai | ServerException           | false     | -
        504    | -                                | empty  | ServerException           | true      | -
      """)
  void statusBecomesTypedException(int status, String headers, String body, String exception, boolean retryable, Long retryAfterMs) {
    server.enqueue(response(status, headers, body));

    NextTokenException e = assertThrows(NextTokenException.class, () -> transport.postJson("chat", new Object()));

    assertEquals(exception, e.getClass().getSimpleName(), e::toString);
    assertEquals(retryable, e.isRetryable());
    assertEquals("fake", e.provider());
    assertEquals(status, e.httpStatus());
    assertEquals(retryAfterMs == null ? null : Duration.ofMillis(retryAfterMs), e.retryAfter().orElse(null));
    assertTrue(e.getMessage().startsWith("fake: HTTP " + status), e::getMessage);
    switch (body) {
      case "openai", "quota" -> {
        assertEquals("test_error", e.details().errorType());
        assertEquals(body.equals("quota") ? "insufficient_quota" : "test_code", e.details().errorCode());
        assertEquals("boom", e.details().providerMessage());
        assertEquals("req-7", e.requestId().orElseThrow());
      }
      case "cohere" -> {
        assertEquals("boom", e.details().providerMessage());
        assertEquals("cohere-id-1", e.requestId().orElseThrow(), "the body's id stands in for a request id");
      }
      case "llama" -> {
        assertEquals("server_error", e.details().errorType());
        assertEquals("500", e.details().errorCode());
        assertEquals("boom", e.details().providerMessage());
      }
      case "html" -> assertEquals("non-JSON body: " + status + " Bad Gateway nginx", e.details().providerMessage());
      case "empty" -> {
        assertNull(e.details().providerMessage());
        assertTrue(e.getMessage().contains("no error message"), e::getMessage);
      }
      default -> throw new IllegalArgumentException(body);
    }
    assertTrue(e.details().providerMessage() == null || e.getMessage().contains(e.details().providerMessage()), e::getMessage);
  }

  @Test
  void streamsMapStatusesTheSameWay() {
    server.enqueue(response(429, "Retry-After: 3", "openai"));

    NextTokenException e = assertThrows(NextTokenException.class, () -> transport.openStream("chat", new Object(), HttpTransport.Framing.SERVER_SENT_EVENTS, event -> null));

    assertEquals("RateLimitException", e.getClass().getSimpleName());
    assertEquals(Duration.ofSeconds(3), e.retryAfter().orElseThrow());
    assertEquals("boom", e.details().providerMessage());
  }

  @Test
  void successfulResponseIsNotAnError() {
    server.enqueue(TestTransports.ok());

    HttpResult result = transport.postJson("chat", new Object());

    assertEquals(200, result.status());
    assertFalse(new String(result.body(), java.nio.charset.StandardCharsets.UTF_8).isEmpty());
  }

  private static MockResponse response(int status, String headers, String body) {
    MockResponse.Builder b = new MockResponse.Builder().code(status);
    if (headers != null) {
      for (String header : headers.split(",")) {
        b.addHeader(header.strip());
      }
    }
    if (!body.equals("cohere")) {
      b.setHeader("x-request-id", "req-7");
    }
    String text = switch (body) {
      case "openai" -> "{\"error\":{\"message\":\"boom\",\"type\":\"test_error\",\"param\":null,\"code\":\"test_code\"}}";
      case "quota" -> "{\"error\":{\"message\":\"boom\",\"type\":\"test_error\",\"param\":null,\"code\":\"insufficient_quota\"}}";
      case "cohere" -> "{\"id\":\"cohere-id-1\",\"message\":\"boom\"}";
      case "llama" -> "{\"error\":{\"code\":500,\"message\":\"boom\",\"type\":\"server_error\"}}";
      case "html" -> "<html><head><title>" + status + " Bad Gateway</title></head><body><center>nginx</center></body></html>";
      case "empty" -> "";
      default -> throw new IllegalArgumentException(body);
    };
    return b.setHeader("Content-Type", body.equals("html") ? "text/html" : "application/json").body(text).build();
  }
}
