package dev.nexttoken.internal;

import dev.nexttoken.error.ApiException;
import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.NotFoundException;
import dev.nexttoken.error.PermissionDeniedException;
import dev.nexttoken.error.QuotaExceededException;
import dev.nexttoken.error.RateLimitException;
import dev.nexttoken.error.ServerException;
import dev.nexttoken.error.StreamErrorException;
import java.time.Duration;

/**
 * The one place where an HTTP status and error body become a typed exception.
 *
 * <table>
 *   <caption>Status to exception</caption>
 *   <tr><th>status</th><th>exception</th><th>retried</th></tr>
 *   <tr><td>400, 413, 422</td><td>{@link InvalidRequestException}</td><td>no</td></tr>
 *   <tr><td>401, 498 (Cohere: invalid token)</td><td>{@link AuthenticationException}</td><td>no</td></tr>
 *   <tr><td>402 (billing)</td><td>{@link QuotaExceededException}</td><td>no</td></tr>
 *   <tr><td>403</td><td>{@link PermissionDeniedException}</td><td>no</td></tr>
 *   <tr><td>404</td><td>{@link NotFoundException}</td><td>no</td></tr>
 *   <tr><td>408, 409, 499 (Cohere: cancelled)</td><td>{@link ApiException}</td><td>yes</td></tr>
 *   <tr><td>429</td><td>{@link RateLimitException}</td><td>yes, unless code/type is {@code insufficient_quota}: then {@link QuotaExceededException}, never</td></tr>
 *   <tr><td>500, 502, 503, 504</td><td>{@link ServerException}</td><td>yes</td></tr>
 *   <tr><td>other 5xx</td><td>{@link ServerException}</td><td>no</td></tr>
 *   <tr><td>other</td><td>{@link ApiException}</td><td>no</td></tr>
 * </table>
 *
 * <p>A provider header {@code x-should-retry: true|false} overrides the "retried" column, except
 * that a permanent quota error is never retried; {@link RetryPolicy} additionally refuses to wait
 * longer than the configured maximum {@code Retry-After}.
 */
public final class ErrorMapper {
  private ErrorMapper() {}

  /**
   * The exception for an HTTP error response.
   *
   * @param shouldRetryHeader the value of {@code x-should-retry}, or null
   * @param retryAfter the wait the provider asked for, or null
   * @param requestId the request id header, or null
   * @param key the API key to strip from the provider's message, or null
   */
  public static NextTokenException fromStatus(
      String provider, int status, ProviderError error, String shouldRetryHeader, Duration retryAfter, String requestId, Secret key) {
    String message = key == null ? error.message() : key.redact(error.message());
    boolean quota = status == 402 || "insufficient_quota".equals(error.code()) || "insufficient_quota".equals(error.type());
    boolean retryable = !quota && retryableStatus(status);
    if (!quota && shouldRetryHeader != null) {
      if (shouldRetryHeader.equalsIgnoreCase("true")) {
        retryable = true;
      } else if (shouldRetryHeader.equalsIgnoreCase("false")) {
        retryable = false;
      }
    }
    String id = requestId != null ? requestId : error.id();
    ErrorDetails details = new ErrorDetails(provider, status, error.type(), error.code(), message, id, retryAfter, retryable);
    String text = describe(provider, status, error.type(), error.code(), message, id, hint(status, quota));
    if (quota) {
      return new QuotaExceededException(text, details);
    }
    return switch (status) {
      case 400, 413, 422 -> new InvalidRequestException(text, details);
      case 401, 498 -> new AuthenticationException(text, details);
      case 403 -> new PermissionDeniedException(text, details);
      case 404 -> new NotFoundException(text, details);
      case 429 -> new RateLimitException(text, details);
      default -> status >= 500 && status <= 599 ? new ServerException(text, details) : new ApiException(text, details);
    };
  }

  /** The exception for an {@code {"error": ...}} payload inside a stream that already started. */
  public static StreamErrorException fromStreamPayload(String provider, ProviderError error, String requestId, Secret key) {
    String message = key == null ? error.message() : key.redact(error.message());
    ErrorDetails details = new ErrorDetails(provider, 200, error.type(), error.code(), message, requestId, null, false);
    return new StreamErrorException(describe(provider, 0, error.type(), error.code(), message, requestId, "error inside the stream"), details);
  }

  /** Whether the status alone makes a request worth retrying. */
  public static boolean retryableStatus(int status) {
    return switch (status) {
      case 408, 409, 429, 499, 500, 502, 503, 504 -> true;
      default -> false;
    };
  }

  private static String hint(int status, boolean quota) {
    if (quota) {
      return "quota or billing limit reached; retrying will not help";
    }
    return switch (status) {
      case 401, 498 -> "check the API key";
      case 403 -> "the key may not use this model or route";
      case 404 -> "check the model name and base URL";
      case 429 -> "rate limited";
      default -> null;
    };
  }

  /** "openai: HTTP 401 invalid_request_error (invalid_api_key): Incorrect API key provided [request id req_1] - check the API key". */
  static String describe(String provider, int status, String type, String code, String message, String requestId, String hint) {
    StringBuilder s = new StringBuilder(provider);
    s.append(':');
    if (status > 0) {
      s.append(" HTTP ").append(status);
    }
    if (type != null) {
      s.append(' ').append(type);
    }
    if (code != null && !code.equals(type)) {
      s.append(" (").append(code).append(')');
    }
    s.append(": ").append(message == null || message.isBlank() ? "no error message" : message.strip());
    if (requestId != null) {
      s.append(" [request id ").append(requestId).append(']');
    }
    if (hint != null) {
      s.append(" - ").append(hint);
    }
    return s.toString();
  }
}
