package dev.nexttoken.spi;

import dev.nexttoken.Authentication;
import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.internal.CredentialHeaders;
import dev.nexttoken.internal.Secret;
import okhttp3.Request;

/**
 * Puts a transport's {@link Authentication} on each request and remembers every secret it sends,
 * so that the transport's one {@link Secret} redacts whatever this scheme has put on the wire.
 */
final class RequestAuthenticator {
  private final String provider;
  private final Authentication authentication;
  private final Secret sent = new Secret();
  private final CredentialHeaders headers = new CredentialHeaders(sent);

  RequestAuthenticator(String provider, Authentication authentication) {
    this.provider = provider;
    this.authentication = authentication;
  }

  /** Every secret sent so far: what the transport's messages and exceptions are redacted with. */
  Secret sent() {
    return sent;
  }

  /** Which headers hold a credential (the ones this scheme sent among them), for request logging. */
  CredentialHeaders headers() {
    return headers;
  }

  /**
   * Sets the credential header on {@code request}.
   *
   * @throws AuthenticationException when the token provider fails (status 0, not retryable: the
   *     retry policy only repeats requests, and this one was never sent)
   */
  void authenticate(Request.Builder request) {
    try {
      authentication.authenticate((name, value, secret) -> {
        // Remembered before it can be sent, so that an echo in the very first answer is redacted.
        sent.add(secret);
        headers.remember(name);
        request.header(name, value);
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(e);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  private AuthenticationException failure(Exception e) {
    String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new AuthenticationException(provider + ": the token provider gave no token: " + sent.redact(why), ErrorDetails.of(provider),
        sent.standIn(e));
  }
}
