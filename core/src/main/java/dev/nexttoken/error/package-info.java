/**
 * The one unchecked exception hierarchy of nexttoken.
 *
 * <p>Every failure is a {@link dev.nexttoken.error.NextTokenException}; catch a subclass for the
 * cases you handle:
 *
 * <pre>{@code
 * try {
 *   model.complete(request);
 * } catch (RateLimitException e) {
 *   e.retryAfter().ifPresent(wait -> scheduleLater(wait));
 * } catch (AuthenticationException e) {
 *   System.err.println(e.getMessage()); // names the provider, never the key
 * }
 * }</pre>
 */
package dev.nexttoken.error;
