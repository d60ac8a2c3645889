package dev.nexttoken.openai.internal;

import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vLLM server's {@code --max-logprobs}: how many alternatives (and prompt logprobs) it returns per
 * position. The server does not publish it, so it is learned from its refusal
 * ({@code Requested sample logprobs of 25, which is greater than max allowed: 20}, or
 * {@code prompt logprobs} when scoring) and then declared in the capabilities, so the next request
 * above it fails before sending. One per client; thread-safe.
 */
public final class LogprobCap {
  private static final Pattern REFUSAL =
      Pattern.compile("Requested (?:sample |prompt )?logprobs of (-?\\d+), which is greater than max allowed: (-?\\d+)");

  private final AtomicInteger cap;

  /** @param initial the cap known before any refusal ({@link OperationCapabilities#UNLIMITED} for none) */
  public LogprobCap(int initial) {
    this.cap = new AtomicInteger(initial);
  }

  /** The most alternatives per position known to be accepted. */
  public int current() {
    return cap.get();
  }

  /**
   * {@code e} as a capability error when it is the server refusing a logprob count above its cap
   * (the cap is then remembered), else {@code e} itself.
   */
  public NextTokenException translate(InvalidRequestException e) {
    String message = e.details().providerMessage() != null ? e.details().providerMessage() : e.getMessage();
    Matcher m = message == null ? null : REFUSAL.matcher(message);
    if (m == null || !m.find()) {
      return e;
    }
    int max;
    try {
      max = Integer.parseInt(m.group(2));
    } catch (NumberFormatException overflow) {
      return e;
    }
    if (max < 0) {
      return e;
    }
    cap.accumulateAndGet(max, Math::min);
    return new UnsupportedCapabilityException(e.getMessage() + " - topLogprobs must be at most " + max
        + " for this server (its --max-logprobs); later requests above it are refused before sending", "topLogprobs", e.details());
  }
}
