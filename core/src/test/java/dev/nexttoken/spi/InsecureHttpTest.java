package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Authentication;
import dev.nexttoken.contract.CredentialScheme;
import dev.nexttoken.contract.FakeProviderModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No credential (key or token, whatever the scheme) is sent over plain http to another machine
 * unless the caller says so; nothing is sent, and no token asked for, to find out.
 */
class InsecureHttpTest {
  private static final String KEY = TestTransports.KEY;

  static Stream<Arguments> refused() {
    return perScheme("http://models.example/v1/", "http://10.0.0.5:8080/", "http://my-gpu-box:8080/");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("refused")
  void keyOverPlainHttpToAnotherHostIsRefused(CredentialScheme scheme, String url) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder(scheme, url).build());

    assertTrue(e.getMessage().contains("allowInsecureHttp"), e::getMessage);
    assertFalse(e.getMessage().contains(KEY), e::getMessage);
  }

  static Stream<Arguments> liftable() {
    return perScheme("http://models.example/v1/", "http://10.0.0.5:8080/");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("liftable")
  void refusalCanBeLiftedExplicitly(CredentialScheme scheme, String url) {
    assertDoesNotThrow(() -> builder(scheme, url).allowInsecureHttp(true).build().close());
  }

  static Stream<Arguments> allowed() {
    return perScheme("http://localhost:8080/", "http://127.0.0.1:8080/", "http://127.0.1.1/", "http://[::1]:8080/", "https://models.example/v1/");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("allowed")
  void loopbackAndHttpsAreAllowed(CredentialScheme scheme, String url) {
    assertDoesNotThrow(() -> builder(scheme, url).build().close());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://models.example/v1/"})
  void withoutAKeyThereIsNothingToProtect(String url) {
    assertDoesNotThrow(() -> FakeProviderModel.builder().baseUrl(url).build().close());
    assertDoesNotThrow(() -> FakeProviderModel.builder().baseUrl(url).authentication(Authentication.none()).build().close());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://models.example/v1/"})
  void theRefusalAsksTheTokenProviderForNothing(String url) {
    AtomicInteger asked = new AtomicInteger();
    Authentication tokens = Authentication.bearerTokens(() -> new Authentication.Token(KEY + asked.incrementAndGet()));

    assertThrows(IllegalArgumentException.class, () -> FakeProviderModel.builder().baseUrl(url).authentication(tokens).build());

    assertEquals(0, asked.get(), "the token provider was asked");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://models.example/", "not a url"})
  void aBaseUrlThatIsNotHttpIsRejected(String url) {
    assertThrows(IllegalArgumentException.class, () -> FakeProviderModel.builder().baseUrl(url).build());
  }

  private static FakeProviderModel.Builder builder(CredentialScheme scheme, String url) {
    FakeProviderModel.Builder builder = FakeProviderModel.builder().baseUrl(url);
    scheme.apply(builder, KEY);
    return builder;
  }

  private static Stream<Arguments> perScheme(String... urls) {
    List<CredentialScheme> schemes = CredentialScheme.all();
    return schemes.stream().flatMap(scheme -> Stream.of(urls).map(url -> Arguments.of(scheme, url)));
  }
}
