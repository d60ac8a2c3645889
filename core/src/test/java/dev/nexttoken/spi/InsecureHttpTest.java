package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.contract.FakeProviderModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The key is not sent over plain http to another machine unless the caller says so; nothing is sent to find out. */
class InsecureHttpTest {
  private static final String KEY = TestTransports.KEY;

  @ParameterizedTest
  @ValueSource(strings = {"http://models.example/v1/", "http://10.0.0.5:8080/", "http://my-gpu-box:8080/"})
  void keyOverPlainHttpToAnotherHostIsRefused(String url) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FakeProviderModel.builder().baseUrl(url).apiKey(KEY).build());

    assertTrue(e.getMessage().contains("allowInsecureHttp"), e::getMessage);
    assertFalse(e.getMessage().contains(KEY), e::getMessage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://models.example/v1/", "http://10.0.0.5:8080/"})
  void refusalCanBeLiftedExplicitly(String url) {
    assertDoesNotThrow(() -> FakeProviderModel.builder().baseUrl(url).apiKey(KEY).allowInsecureHttp(true).build().close());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080/", "http://127.0.0.1:8080/", "http://127.0.1.1/", "http://[::1]:8080/", "https://models.example/v1/"})
  void loopbackAndHttpsAreAllowed(String url) {
    assertDoesNotThrow(() -> FakeProviderModel.builder().baseUrl(url).apiKey(KEY).build().close());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://models.example/v1/"})
  void withoutAKeyThereIsNothingToProtect(String url) {
    assertDoesNotThrow(() -> FakeProviderModel.builder().baseUrl(url).build().close());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://models.example/", "not a url"})
  void aBaseUrlThatIsNotHttpIsRejected(String url) {
    assertThrows(IllegalArgumentException.class, () -> FakeProviderModel.builder().baseUrl(url).build());
  }
}
