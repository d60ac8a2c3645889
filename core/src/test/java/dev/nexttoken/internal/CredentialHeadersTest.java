package dev.nexttoken.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which header names count as a credential's by name alone, and how headers are shown. */
class CredentialHeadersTest {
  private final CredentialHeaders headers = new CredentialHeaders(new Secret());

  @ParameterizedTest
  @ValueSource(strings = {"Authorization", "authorization", "Proxy-Authorization", "x-goog-api-key", "api-key", "X-API-Key",
      "x-api_key", "X-Auth-Token", "Cookie", "Set-Cookie", "Ocp-Apim-Subscription-Key", "X-Amz-Security-Token", "x-session-id",
      "X-Client-Secret", "X-Signature", "X-Upstream-Credential", "X-Password"})
  void credentialNamesAreRecognised(String name) {
    assertTrue(headers.isCredentialName(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"User-Agent", "Accept", "Content-Type", "x-request-id", "OpenAI-Organization", "x-ratelimit-remaining-tokens"})
  void ordinaryNamesAreShown(String name) {
    assertFalse(headers.isCredentialName(name), name);
  }

  @Test
  void aRememberedNameIsACredentialWhateverItSays() {
    assertFalse(headers.isCredentialName("X-Client"));
    headers.remember("X-Client");

    assertTrue(headers.isCredentialName("x-client"));
  }

  @Test
  void showRedactsCredentialsAndAnyValueHoldingASecret() {
    Secret secret = new Secret();
    secret.add("sk-hidden-123");
    CredentialHeaders shown = new CredentialHeaders(secret);

    String text = shown.show(Headers.of("Authorization", "Bearer sk-hidden-123", "X-Note", "echo sk-hidden-123", "Accept", "application/json"));

    assertEquals("[Authorization: ***, X-Note: ***, Accept: application/json]", text);
  }
}
