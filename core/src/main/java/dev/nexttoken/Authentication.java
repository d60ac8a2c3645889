package dev.nexttoken;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a model proves who it is to the provider: an API key as a bearer token, an API key in a
 * header the provider names, short-lived bearer tokens from a token provider, or nothing.
 *
 * <pre>{@code
 * OpenAiModel.builder().apiKey(key)                                    // the provider's own scheme (here: bearer)
 * builder.authentication(Authentication.header("api-key", key))        // Azure OpenAI; Gemini: "x-goog-api-key"
 * builder.authentication(Authentication.none())                        // a local server without a key
 * builder.authentication(Authentication.bearerTokens(() -> {           // Vertex AI, Azure AD
 *   credentials.refreshIfExpired();
 *   AccessToken t = credentials.getAccessToken();
 *   return new Authentication.Token(t.getTokenValue(), t.getExpirationTime().toInstant());
 * }));
 * }</pre>
 *
 * <p>Whatever secret a scheme sends (the key, or every token the provider issued) is kept out of
 * the SDK's messages, exceptions and {@code toString()}, and is not sent over plain http to
 * another machine unless the builder says {@code allowInsecureHttp(true)}.
 *
 * <p>Immutable and thread-safe; one instance may serve several models. A token provider is called
 * by one thread at a time, and only when there is no cached token valid for another
 * {@link #REFRESH_MARGIN}.
 */
public final class Authentication {
  /** How long before its expiry a cached token is replaced: a token may not expire on its way. */
  public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

  private static final String AUTHORIZATION = "Authorization";
  private static final Authentication NONE = new Authentication(null, null, null, null);

  private final String header;
  private final String prefix;
  private final String key;
  private final TokenCache tokens;

  private Authentication(String header, String prefix, String key, TokenCache tokens) {
    this.header = header;
    this.prefix = prefix;
    this.key = key;
    this.tokens = tokens;
  }

  /**
   * {@code Authorization: Bearer <key>}: OpenAI, Cohere, llama.cpp's {@code --api-key}.
   *
   * @throws IllegalArgumentException for a blank key or one that cannot go in a header (the message does not repeat it)
   */
  public static Authentication bearer(String key) {
    return new Authentication(AUTHORIZATION, "Bearer ", checkedKey(key), null);
  }

  /**
   * {@code <name>: <key>}, the key as the whole value: Azure OpenAI's {@code api-key}, Gemini's
   * {@code x-goog-api-key}.
   *
   * @throws IllegalArgumentException for a name that is not a header name, or a key as for {@link #bearer}
   */
  public static Authentication header(String name, String key) {
    Objects.requireNonNull(name, "header name");
    if (name.isEmpty() || !sendable(name) || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("not an HTTP header name: \"" + name + "\"");
    }
    return new Authentication(name, "", checkedKey(key), null);
  }

  /** No credential at all: a local server (Ollama, llama.cpp without {@code --api-key}). */
  public static Authentication none() {
    return NONE;
  }

  /**
   * {@code Authorization: Bearer <token>}, each token from {@code tokens}: for short-lived tokens
   * (Vertex AI, Azure AD). A token that says when it expires is reused until {@link #REFRESH_MARGIN}
   * before then; one that does not is asked for again on every request. A failure of {@code tokens}
   * reaches the caller as an {@link dev.nexttoken.error.AuthenticationException}.
   */
  public static Authentication bearerTokens(Callable<Token> tokens) {
    return new Authentication(AUTHORIZATION, "Bearer ", null, new TokenCache(Objects.requireNonNull(tokens, "tokens")));
  }

  /** Whether this scheme sends a secret at all (every scheme but {@link #none()}). */
  public boolean sendsCredential() {
    return header != null;
  }

  /**
   * For transports: puts the credential of one request, handing {@code request} the header's name,
   * its value, and the secret inside that value, which the transport must redact from everything it
   * reports. Puts nothing for {@link #none()}. A token provider may be called here.
   *
   * @throws Exception what the token provider threw, or {@link IllegalStateException} when it
   *     returned no token
   */
  public void authenticate(CredentialHeader request) throws Exception {
    if (header == null) {
      return;
    }
    String secret = key != null ? key : tokens.current();
    request.put(header, prefix + secret, secret);
  }

  /** Receives the credential header of one request. */
  @FunctionalInterface
  public interface CredentialHeader {
    /**
     * @param secret the part of {@code value} to keep secret (the key or token without a prefix
     *     such as {@code "Bearer "})
     */
    void put(String name, String value, String secret);
  }

  /**
   * A short-lived token, and when it stops being valid (null when unknown: then it is used for one
   * request only).
   *
   * @throws IllegalArgumentException for a blank token or one that cannot go in a header (the
   *     message does not repeat it)
   */
  public record Token(String value, Instant expiresAt) {
    public Token {
      value = checkedKey(value);
    }

    /** A token whose expiry is unknown: asked for again on the next request. */
    public Token(String value) {
      this(value, null);
    }

    @Override
    public String toString() {
      return "Token[***" + (expiresAt == null ? "" : ", expiresAt=" + expiresAt) + "]";
    }
  }

  @Override
  public String toString() {
    if (header == null) {
      return "Authentication[none]";
    }
    if (tokens != null) {
      return "Authentication[bearer tokens]";
    }
    return header.equals(AUTHORIZATION) ? "Authentication[bearer ***]" : "Authentication[header " + header + ": ***]";
  }

  private static String checkedKey(String value) {
    Objects.requireNonNull(value, "API key");
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException("API key must not be blank");
    }
    // OkHttp would refuse it too, but its message quotes the value of any header but Authorization.
    if (!sendable(stripped)) {
      throw new IllegalArgumentException("API key contains a character that cannot be sent in an HTTP header");
    }
    return stripped;
  }

  private static boolean sendable(String text) {
    return text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  /**
   * The last token, reused until shortly before it expires; fetching is one thread at a time, so a
   * refresh is done once. A lock rather than {@code synchronized}: the provider may fetch over the
   * network, and on Java 21 to 23 a virtual thread blocked inside {@code synchronized} pins its
   * carrier, so a slow token endpoint would stall every other async call on that carrier.
   */
  private static final class TokenCache {
    private final Callable<Token> provider;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Token last;

    TokenCache(Callable<Token> provider) {
      this.provider = provider;
    }

    String current() throws Exception {
      Token token = last;
      if (fresh(token)) {
        return token.value();
      }
      fetching.lock();
      try {
        token = last;
        if (fresh(token)) {
          return token.value();
        }
        Token issued = provider.call();
        if (issued == null) {
          throw new IllegalStateException("the token provider returned no token");
        }
        last = issued;
        return issued.value();
      } finally {
        fetching.unlock();
      }
    }

    private static boolean fresh(Token token) {
      return token != null && token.expiresAt() != null && Instant.now().isBefore(token.expiresAt().minus(REFRESH_MARGIN));
    }
  }
}
