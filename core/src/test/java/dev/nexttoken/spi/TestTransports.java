package dev.nexttoken.spi;

import dev.nexttoken.Authentication;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.contract.FakeProviderModel;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Transports and models aimed at a {@link MockWebServer}, with the recognisable fake key. */
final class TestTransports {
  static final String KEY = "sk-transport-SECRET-5678";
  static final RetrySettings FAST_RETRIES = RetrySettings.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

  private TestTransports() {}

  /** A transport to {@code server} with the key and no retries; adjust before {@code build()}. */
  static HttpTransport.Builder transport(MockWebServer server) {
    return HttpTransport.builder("fake", server.url("/v1/")).authentication(Authentication.bearer(KEY)).retry(RetrySettings.NONE);
  }

  /** A fake-provider model to {@code server} with the key and no retries; adjust before {@code build()}. */
  static FakeProviderModel.Builder model(MockWebServer server) {
    return FakeProviderModel.builder().baseUrl(server.url("/v1/").toString()).apiKey(KEY).model("fake-small").retry(RetrySettings.NONE);
  }

  /** An OpenAI-shaped error body. */
  static MockResponse openAiError(int status, String type, String code, String message) {
    String body = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
        + (code == null ? "null" : "\"" + code + "\"") + "}}";
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
  }

  /** A small successful JSON body. */
  static MockResponse ok() {
    return new MockResponse.Builder().setHeader("Content-Type", "application/json").body("{\"ok\":true}").build();
  }
}
