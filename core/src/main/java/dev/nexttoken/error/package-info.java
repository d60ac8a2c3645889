/**
 * The one unchecked exception hierarchy of nexttoken.
 *
 * <p>Every failure is a {@link dev.nexttoken.error.NextTokenException}; catch a subclass for the
 * cases you handle:
 *
 * <pre>{@code
 * try {
 *   model.complete(request);
 * } catch (RequestValidationException e) {
 *   // refused before sending: out of the provider's range, or (UnsupportedCapabilityException) not offered
 *   System.err.println(e.field() + ": " + e.getMessage());
 * } catch (RateLimitException e) {
 *   e.retryAfter().ifPresent(wait -> scheduleLater(wait));
 * } catch (QuotaExceededException e) {
 *   alertBilling(e.getMessage()); // permanent: waiting will not help
 * } catch (AuthenticationException e) {
 *   System.err.println(e.getMessage()); // names the provider, never the key
 * }
 * }</pre>
 *
 * <p>Two families, by whether anything was sent: {@link dev.nexttoken.error.RequestValidationException}
 * (and its subclass {@link dev.nexttoken.error.UnsupportedCapabilityException}) when the SDK refuses a
 * request against the model's {@linkplain dev.nexttoken.LanguageModel#capabilities(String) capabilities},
 * status 0; {@link dev.nexttoken.error.ApiException} and its subclasses only when the provider
 * answered with an HTTP error status (its 400 is an {@link dev.nexttoken.error.InvalidRequestException}).
 * Transport failures ({@link dev.nexttoken.error.ConnectionException},
 * {@link dev.nexttoken.error.TimeoutException}) and unreadable answers
 * ({@link dev.nexttoken.error.MalformedResponseException}) stand on their own.
 *
 * <p>A {@link dev.nexttoken.error.QuotaExceededException} (OpenAI's {@code insufficient_quota},
 * which arrives as HTTP 429, or HTTP 402) is not a {@link dev.nexttoken.error.RateLimitException},
 * so a "retry later" handler never catches it.
 */
package dev.nexttoken.error;
