package dev.nexttoken.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nexttoken.Authentication;
import dev.nexttoken.spi.ModelBuilder;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * One way a test model authenticates, and where its secret must then appear on the wire: the
 * security tests (fault suite, {@code SecretsTest}, {@code InsecureHttpTest}) run once per scheme.
 *
 * @param name shown in test names
 * @param header the header that must carry the secret
 * @param prefix what precedes the secret in that header ({@code "Bearer "} or nothing)
 */
public record CredentialScheme(String name, String header, String prefix, BiConsumer<ModelBuilder<?>, String> settings) {
  /** The header {@link #namedHeader()} uses; any name but {@code Authorization} would do. */
  public static final String NAMED_HEADER = "x-fake-api-key";

  public CredentialScheme {
    Objects.requireNonNull(header, "header");
  }

  /** The builder's {@code apiKey(String)}, sent as {@code Authorization: Bearer}: every provider's default so far. */
  public static CredentialScheme apiKey() {
    return apiKey("Authorization", "Bearer ");
  }

  /** The builder's {@code apiKey(String)}, for a provider that sends a key in its own header. */
  public static CredentialScheme apiKey(String header, String prefix) {
    return new CredentialScheme("apiKey", header, prefix, ModelBuilder::apiKey);
  }

  /** {@link Authentication#header(String, String)} with {@link #NAMED_HEADER}. */
  public static CredentialScheme namedHeader() {
    return new CredentialScheme("named header", NAMED_HEADER, "", (b, secret) -> b.authentication(Authentication.header(NAMED_HEADER, secret)));
  }

  /** {@link Authentication#bearerTokens}, asked for a token on every request (no expiry given). */
  public static CredentialScheme tokenProvider() {
    return new CredentialScheme("token provider", "Authorization", "Bearer ",
        (b, secret) -> b.authentication(Authentication.bearerTokens(() -> new Authentication.Token(secret))));
  }

  /** The three schemes that carry a secret. */
  public static List<CredentialScheme> all() {
    return List.of(apiKey(), namedHeader(), tokenProvider());
  }

  /** Makes {@code builder} authenticate with {@code secret} this way. */
  public void apply(ModelBuilder<?> builder, String secret) {
    settings.accept(builder, secret);
  }

  /**
   * Fails unless {@code request} carries {@code secret} exactly in {@link #header()} and nowhere
   * else: no other header, not the URL, not the body.
   */
  public void assertSentOnlyWhereItBelongs(RecordedRequest request, String secret) {
    Headers headers = request.getHeaders();
    assertEquals(prefix + secret, headers.get(header), () -> name + ": the credential header");
    assertEquals(1, headers.values(header).size(), () -> name + ": one " + header + " header");
    for (int i = 0; i < headers.size(); i++) {
      if (!headers.name(i).equalsIgnoreCase(header)) {
        String other = headers.name(i) + ": " + headers.value(i);
        assertFalse(other.contains(secret), () -> name + ": the secret is also in " + other);
      }
    }
    assertFalse(request.getUrl().toString().contains(secret), () -> name + ": the secret is in the URL " + request.getUrl());
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    assertFalse(body.contains(secret), () -> name + ": the secret is in the body");
  }

  @Override
  public String toString() {
    return name;
  }
}
