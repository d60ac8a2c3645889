package dev.nexttoken.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Headers;

/**
 * Which headers carry a credential, and their values cut out, for anything that shows headers.
 *
 * <p>Three tests, any one enough: the authentication put the header there (its name is
 * {@link #remember remembered} as it is sent); its value holds a secret the transport sent; or its
 * name looks like a credential's ({@code Authorization}, {@code x-goog-api-key}, {@code api-key},
 * {@code x-auth-token}, {@code Cookie}, ...). Redacting a harmless header by mistake costs nothing;
 * showing a key once is a leak, so the name test is deliberately broad.
 */
public final class CredentialHeaders {
  /** Parts of a header name that mark a credential, in lower case. */
  private static final List<String> CREDENTIAL_WORDS =
      List.of("auth", "key", "token", "secret", "password", "cookie", "session", "signature", "credential");
  static final String REDACTED = "***";

  private final Secret secrets;
  private final Set<String> sentNames = ConcurrentHashMap.newKeySet();

  public CredentialHeaders(Secret secrets) {
    this.secrets = secrets;
  }

  /** Records that the authentication sends its credential in {@code name}. */
  public void remember(String name) {
    sentNames.add(name.toLowerCase(Locale.ROOT));
  }

  /** Whether {@code name} (any case) is a credential's header by its name alone. */
  public boolean isCredentialName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (sentNames.contains(lower)) {
      return true;
    }
    if (lower.contains("ratelimit")) {
      return false; // x-ratelimit-remaining-tokens: counts, worth seeing (a secret in one is still caught by value)
    }
    for (String word : CREDENTIAL_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** {@code name: value} pairs, every credential's value replaced by {@value #REDACTED}. */
  public String show(Headers headers) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < headers.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      String name = headers.name(i);
      out.append(name).append(": ").append(value(name, headers.value(i)));
    }
    return out.append(']').toString();
  }

  private String value(String name, String value) {
    if (isCredentialName(name)) {
      return REDACTED;
    }
    String redacted = secrets.redact(value);
    // A secret inside an innocent-looking header (a key passed through a custom one): hide it all.
    return redacted.equals(value) ? value : REDACTED;
  }
}
