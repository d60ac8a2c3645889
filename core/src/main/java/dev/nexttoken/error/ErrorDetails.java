package dev.nexttoken.error;

import java.time.Duration;

/**
 * What a provider told us about a failed request: the fields shared by every exception.
 *
 * @param provider the provider's name, or null when no provider was involved
 * @param httpStatus the HTTP status, or 0 when no response was received
 * @param errorType the provider's error type (OpenAI {@code type}), or null
 * @param errorCode the provider's error code (OpenAI {@code code}, llama.cpp's numeric code as text), or null
 * @param providerMessage the provider's own message, or null
 * @param requestId the request id ({@code x-request-id}, or Cohere's error {@code id}), or null
 * @param retryAfter the wait the provider asked for before a retry, or null
 * @param retryable whether the same request may succeed later
 */
public record ErrorDetails(
    String provider,
    int httpStatus,
    String errorType,
    String errorCode,
    String providerMessage,
    String requestId,
    Duration retryAfter,
    boolean retryable) {

  private static final ErrorDetails NONE = new ErrorDetails(null, 0, null, null, null, null, null, false);

  /** Details for a failure that involved no provider response. */
  public static ErrorDetails none() {
    return NONE;
  }

  /** Details naming only the provider, for failures before or without a response. */
  public static ErrorDetails of(String provider) {
    return new ErrorDetails(provider, 0, null, null, null, null, null, false);
  }

  /** A copy that is (or is not) retryable. */
  public ErrorDetails withRetryable(boolean value) {
    return new ErrorDetails(provider, httpStatus, errorType, errorCode, providerMessage, requestId, retryAfter, value);
  }
}
