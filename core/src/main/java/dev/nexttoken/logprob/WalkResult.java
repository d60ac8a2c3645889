package dev.nexttoken.logprob;

import java.util.List;
import java.util.Objects;

/**
 * What a {@code NextTokenWalk} ({@code dev.nexttoken.analysis}) did: each step's prompt, distribution and choice, and the text it built.
 *
 * @param prompt the text the walk started from
 * @param steps the steps in order
 * @param text the prompt plus every chosen token's text
 * @param stopReason why the walk ended
 * @param table the chosen tokens as a table (ranks, masses, entropy per step; perplexity of the walk)
 */
public record WalkResult(String prompt, List<WalkStep> steps, String text, StopReason stopReason, ProbabilityTable table) {
  /** Why a walk ended. */
  public enum StopReason {
    /** It made the number of steps it was asked for. */
    STEPS,
    /** The chosen token ends the sequence (no text and no bytes), or the model stopped without a token. */
    END_OF_SEQUENCE,
    /**
     * The chosen token is only part of a UTF-8 character; a text prompt cannot end inside a
     * character, so the walk cannot ask for the next token.
     */
    PARTIAL_CHARACTER
  }

  public WalkResult {
    Objects.requireNonNull(prompt, "prompt");
    steps = List.copyOf(steps);
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(table, "table");
  }

  /** The text the walk added to the prompt. */
  public String generated() {
    return text.substring(prompt.length());
  }

  /** This walk in a format's default rendering. */
  public String render(TableFormat format) {
    return format.renderer().render(this);
  }
}
