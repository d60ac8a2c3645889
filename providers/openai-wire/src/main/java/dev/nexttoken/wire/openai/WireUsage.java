package dev.nexttoken.wire.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nexttoken.Usage;

/** The {@code usage} object; a count a server leaves out stays null. */
public record WireUsage(
    @JsonProperty("prompt_tokens") Integer promptTokens,
    @JsonProperty("completion_tokens") Integer completionTokens,
    @JsonProperty("total_tokens") Integer totalTokens) {

  /** The neutral usage, {@link Usage#UNKNOWN} for a missing object. */
  public static Usage toUsage(WireUsage usage) {
    if (usage == null) {
      return Usage.UNKNOWN;
    }
    Integer total = usage.totalTokens;
    if (total == null && usage.promptTokens != null && usage.completionTokens != null) {
      total = usage.promptTokens + usage.completionTokens;
    }
    return new Usage(usage.promptTokens, usage.completionTokens, total);
  }
}
