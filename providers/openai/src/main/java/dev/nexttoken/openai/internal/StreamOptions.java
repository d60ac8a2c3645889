package dev.nexttoken.openai.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code stream_options} object of a streaming request. */
public record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
  /** Ask for the final {@code choices: []} chunk that carries usage. */
  public static final StreamOptions INCLUDE_USAGE = new StreamOptions(true);
}
