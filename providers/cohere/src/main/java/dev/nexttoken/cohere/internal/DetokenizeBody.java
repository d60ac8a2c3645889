package dev.nexttoken.cohere.internal;

import java.util.List;

/** The JSON body of {@code POST /v1/detokenize}. */
public record DetokenizeBody(List<Integer> tokens, String model) {

  /** Its response; {@code meta} is ignored. */
  public record Result(String text) {}
}
