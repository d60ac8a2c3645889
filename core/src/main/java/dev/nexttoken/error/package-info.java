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
 * } catch (QuotaExceededException e) {
 *   alertBilling(e.getMessage()); // permanent: waiting will not help
 * } catch (AuthenticationException e) {
 *   System.err.println(e.getMessage()); // names the provider, never the key
 * }
 * }</pre>
 *
 * <p>A {@link dev.nexttoken.error.QuotaExceededException} (OpenAI's {@code insufficient_quota},
 * which arrives as HTTP 429, or HTTP 402) is not a {@link dev.nexttoken.error.RateLimitException},
 * so a "retry later" handler never catches it.
 */
package dev.nexttoken.error;
