package dev.nexttoken.spi;

import dev.nexttoken.internal.RetryAfter;
import dev.nexttoken.internal.RetryPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.RetrySettings;
import dev.nexttoken.error.ApiException;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.QuotaExceededException;
import dev.nexttoken.error.RateLimitException;
import dev.nexttoken.error.ServerException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What is retried, how often, and how long the waits are. Waits are a few milliseconds (or
 * computed without waiting), never slept through.
 */
class RetryTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Clock FIXED = Clock.fixed(NOW, ZoneOffset.UTC);

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

  private HttpTransport transport(RetrySettings retry) {
    transport = TestTransports.transport(server).retry(retry).clock(FIXED).build();
    return transport;
  }

  @Test
  void defaultIsTwoRetriesSoThreeRequests() {
    assertEquals(2, RetrySettings.DEFAULT.maxRetries());
    for (int i = 0; i < 4; i++) {
      server.enqueue(TestTransports.openAiError(503, "server_error", null, "overloaded"));
    }

    assertThrows(ServerException.class, () -> transport(TestTransports.FAST_RETRIES).postJson("chat", new Object()));

    assertEquals(3, server.getRequestCount());
  }

  @Test
  void retryAfterMillisecondsIsHonouredAndThenSucceeds() {
    server.enqueue(rateLimited().setHeader("retry-after-ms", "5").build());
    server.enqueue(TestTransports.ok());

    HttpResult result = transport(TestTransports.FAST_RETRIES).postJson("chat", new Object());

    assertEquals(200, result.status());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void retryAfterSecondsIsHonouredAndThenSucceeds() {
    server.enqueue(rateLimited().setHeader("Retry-After", "0.005").build());
    server.enqueue(TestTransports.ok());

    assertEquals(200, transport(TestTransports.FAST_RETRIES).postJson("chat", new Object()).status());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void retryAfterLongerThanTheCapIsNotRetriedAndTheExceptionCarriesIt() {
    server.enqueue(rateLimited().setHeader("Retry-After", "120").build());
    server.enqueue(TestTransports.ok());

    RateLimitException e = assertThrows(RateLimitException.class, () -> transport(TestTransports.FAST_RETRIES).postJson("chat", new Object()));

    assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
    assertTrue(e.isRetryable(), "retryable later, just not by us now");
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void retryAfterAsHttpDateIsReadAgainstTheClock() {
    String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(120), ZoneOffset.UTC));
    server.enqueue(rateLimited().setHeader("Retry-After", inTwoMinutes).build());

    RateLimitException e = assertThrows(RateLimitException.class, () -> transport(TestTransports.FAST_RETRIES).postJson("chat", new Object()));

    assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void retryAfterHeaderForms() {
    String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.minusSeconds(30), ZoneOffset.UTC));
    String future = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(30), ZoneOffset.UTC));

    assertEquals(Duration.ofSeconds(3), RetryAfter.parse(Headers.of("Retry-After", "3"), FIXED));
    assertEquals(Duration.ofMillis(1500), RetryAfter.parse(Headers.of("Retry-After", "1.5"), FIXED));
    assertEquals(Duration.ofSeconds(30), RetryAfter.parse(Headers.of("Retry-After", future), FIXED));
    assertEquals(Duration.ZERO, RetryAfter.parse(Headers.of("Retry-After", past), FIXED), "a date in the past means now");
    assertEquals(Duration.ofMillis(20), RetryAfter.parse(Headers.of("retry-after-ms", "20", "Retry-After", "9"), FIXED), "milliseconds win");
    assertEquals(Duration.ofSeconds(9), RetryAfter.parse(Headers.of("retry-after-ms", "soon", "Retry-After", "9"), FIXED));
    assertNull(RetryAfter.parse(Headers.of("Retry-After", "later"), FIXED));
    assertNull(RetryAfter.parse(Headers.of("Retry-After", "-4"), FIXED));
    assertNull(RetryAfter.parse(Headers.of(), FIXED));
  }

  @Test
  void shouldRetryTrueOverridesAPermanentStatus() {
    server.enqueue(TestTransports.openAiError(400, "invalid_request_error", null, "flaky").newBuilder().setHeader("x-should-retry", "true").build());
    server.enqueue(TestTransports.ok());

    assertEquals(200, transport(TestTransports.FAST_RETRIES).postJson("chat", new Object()).status());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void shouldRetryFalseOverridesARetryableStatus() {
    server.enqueue(TestTransports.openAiError(503, "server_error", null, "down").newBuilder().setHeader("x-should-retry", "false").build());
    server.enqueue(TestTransports.ok());

    assertThrows(ServerException.class, () -> transport(TestTransports.FAST_RETRIES).postJson("chat", new Object()));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void insufficientQuotaIsNeverRetried() {
    server.enqueue(TestTransports.openAiError(429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota")
        .newBuilder().setHeader("x-should-retry", "true").setHeader("retry-after-ms", "1").build());
    server.enqueue(TestTransports.ok());

    assertThrows(QuotaExceededException.class, () -> transport(TestTransports.FAST_RETRIES).postJson("chat", new Object()));
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest(name = "HTTP {0} is retried")
  @ValueSource(ints = {408, 409, 429, 499, 500, 502, 503, 504})
  void retryableStatusesAreRetried(int status) {
    server.enqueue(TestTransports.openAiError(status, "some_error", null, "try again"));
    server.enqueue(TestTransports.ok());

    assertEquals(200, transport(TestTransports.FAST_RETRIES).postJson("chat", new Object()).status());
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest(name = "HTTP {0} is not retried")
  @ValueSource(ints = {400, 401, 403, 404, 413, 422, 501})
  void permanentStatusesAreNotRetried(int status) {
    server.enqueue(TestTransports.openAiError(status, "some_error", null, "no"));
    server.enqueue(TestTransports.ok());

    assertThrows(ApiException.class, () -> transport(TestTransports.FAST_RETRIES).postJson("chat", new Object()));
    assertEquals(1, server.getRequestCount());
  }

  /** 408 too: OkHttp on its own would silently re-send it once. */
  @ParameterizedTest(name = "HTTP {0} with no retries: one request")
  @ValueSource(ints = {408, 503})
  void zeroRetriesMeansOneRequest(int status) {
    server.enqueue(TestTransports.openAiError(status, "server_error", null, "down"));
    server.enqueue(TestTransports.ok());

    assertThrows(ApiException.class, () -> transport(RetrySettings.NONE).postJson("chat", new Object()));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void backoffDoublesWithJitterUpToTheCap() {
    RetryPolicy policy = new RetryPolicy("fake", RetrySettings.DEFAULT.withBackoff(Duration.ofMillis(100), Duration.ofMillis(1000)));
    for (int i = 0; i < 200; i++) {
      assertBetween(75, 100, policy.waitMillis(1, null));
      assertBetween(150, 200, policy.waitMillis(2, null));
      assertBetween(300, 400, policy.waitMillis(3, null));
      assertBetween(750, 1000, policy.waitMillis(5, null));
      assertBetween(750, 1000, policy.waitMillis(60, null), "no overflow for absurd attempt numbers");
    }
  }

  @Test
  void providerHintReplacesBackoff() {
    RetryPolicy policy = new RetryPolicy("fake", RetrySettings.DEFAULT);
    RateLimitException hinted = new RateLimitException("fake: HTTP 429",
        new ErrorDetails("fake", 429, null, null, null, null, Duration.ofMillis(1234), true));

    assertEquals(1234, policy.waitMillis(1, hinted));
    assertEquals(1234, policy.waitMillis(2, hinted));
  }

  @Test
  void policyRetriesOnlyRetryableFailuresWithinTheCap() {
    RetryPolicy policy = new RetryPolicy("fake", RetrySettings.DEFAULT);
    ErrorDetails retryable = new ErrorDetails("fake", 429, null, null, null, null, Duration.ofSeconds(60), true);

    assertTrue(policy.shouldRetry(new RateLimitException("m", retryable)), "exactly the cap is honoured");
    assertFalse(policy.shouldRetry(new RateLimitException("m", new ErrorDetails("fake", 429, null, null, null, null, Duration.ofSeconds(61), true))));
    assertFalse(policy.shouldRetry(new InvalidRequestException("m", ErrorDetails.of("fake"))));
    assertFalse(policy.shouldRetry(new IllegalStateException("a bug, not a transient failure")));
  }

  private static MockResponse.Builder rateLimited() {
    return TestTransports.openAiError(429, "rate_limit_exceeded", "rate_limit_exceeded", "slow down").newBuilder();
  }

  private static void assertBetween(long low, long high, long actual) {
    assertBetween(low, high, actual, "");
  }

  private static void assertBetween(long low, long high, long actual, String why) {
    assertTrue(actual >= low && actual <= high, () -> actual + " not in [" + low + ", " + high + "] " + why);
  }
}
