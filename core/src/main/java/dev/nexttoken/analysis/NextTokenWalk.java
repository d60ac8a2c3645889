package dev.nexttoken.analysis;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nexttoken.Capabilities;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.FinishReason;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.internal.RequestValidator;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.TableRow;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenChooser;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.logprob.WalkResult;
import dev.nexttoken.logprob.WalkStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The loop a language model runs, made visible: ask for one token with {@code k} alternatives,
 * look at the distribution, choose the next token ourselves (greedily or by sampling), append it to
 * the prompt, repeat.
 *
 * <pre>{@code
 * WalkResult walk = NextTokenWalk.builder(model)
 *     .steps(5)
 *     .alternatives(5)
 *     .chooser(new Sampler(SamplingSettings.seeded(42)))
 *     .build()
 *     .run("Weights and Biases is");
 * System.out.println(walk.render(TableFormat.TEXT));
 * }</pre>
 *
 * <p>Each step is a completion request with {@code maxTokens 1}, {@code topLogprobs k} and
 * temperature 0; the provider's own sampling does not matter because the token is chosen from the
 * reported table. The chosen token's text (decoded from its bytes when known) is appended to the
 * prompt, so the next request re-tokenises the text: a model may split it differently than it
 * generated it. The walk ends after {@code steps} steps, at an end of sequence (a token with no
 * text and no bytes, or a stop with no token), or when the chosen token is only part of a UTF-8
 * character (a text prompt cannot end there).
 *
 * <p><b>Completion only.</b> Continuing a text token by token needs a completion endpoint; the
 * providers' chat endpoints start a new assistant turn and none of them can be told to continue a
 * partial one, so a provider without completion (Cohere) fails at once with
 * {@link UnsupportedCapabilityException}, before any request, as does a {@code k} above its
 * {@link OperationCapabilities#maxTopLogprobs()}. Thread-safe if the chooser is.
 */
public final class NextTokenWalk {
  private final LanguageModel model;
  private final int steps;
  private final int alternatives;
  private final TokenChooser chooser;
  private final GenerationOptions options;

  private NextTokenWalk(Builder builder) {
    this.model = builder.model;
    this.steps = builder.steps;
    this.alternatives = builder.alternatives;
    this.chooser = builder.chooser;
    this.options = GenerationOptions.builder()
        .options(builder.options)
        .maxTokens(1)
        .temperature(0.0)
        .topP(null)
        .topK(null)
        .topLogprobs(builder.alternatives)
        .build();
  }

  public static Builder builder(LanguageModel model) {
    return new Builder(model);
  }

  /**
   * Walks from {@code prompt}.
   *
   * @throws UnsupportedCapabilityException before any request, when the provider cannot do the walk
   * @throws MalformedResponseException when the provider answers with text but no logprobs
   */
  public WalkResult run(String prompt) {
    Objects.requireNonNull(prompt, "prompt");
    // The walk's own model name when it sets one; otherwise the client's default applies, which
    // model.complete() checks again against that model before sending.
    Capabilities capabilities = model.capabilities(options.model());
    checkCapabilities(capabilities);
    Integer vocabulary = capabilities.vocabularySize();
    StringBuilder text = new StringBuilder(prompt);
    List<String> prompts = new ArrayList<>();
    List<TokenLogprob> chosenTokens = new ArrayList<>();
    List<Boolean> argmax = new ArrayList<>();
    WalkResult.StopReason stop = WalkResult.StopReason.STEPS;
    for (int step = 0; step < steps; step++) {
      Completion completion = model.complete(new CompletionRequest(text.toString(), options, false));
      List<TokenLogprob> reported = completion.logprobs();
      if (reported == null || reported.isEmpty()) {
        if (completion.text().isEmpty()) {
          stop = WalkResult.StopReason.END_OF_SEQUENCE;
          break;
        }
        throw new MalformedResponseException(model.provider() + " returned text without its logprobs at walk step " + step,
            ErrorDetails.of(model.provider()));
      }
      TokenLogprob generated = reported.get(0);
      TableRow row = ProbabilityTable.of(List.of(generated), vocabulary).row(0);
      TokenCandidate chosen = chooser.choose(row);
      prompts.add(text.toString());
      chosenTokens.add(new TokenLogprob(chosen.token(), chosen.bytes(), chosen.id(), chosen.logprob(), generated.topLogprobs()));
      argmax.add(sameToken(chosen, row.candidates().get(0)));
      if (endsSequence(chosen, generated, completion)) {
        stop = WalkResult.StopReason.END_OF_SEQUENCE;
        break;
      }
      byte[] bytes = chosen.bytes();
      if (bytes != null && !Arrays.equals(bytes, new String(bytes, UTF_8).getBytes(UTF_8))) {
        stop = WalkResult.StopReason.PARTIAL_CHARACTER;
        break;
      }
      text.append(bytes != null ? new String(bytes, UTF_8) : chosen.token());
    }
    ProbabilityTable table = ProbabilityTable.of(chosenTokens, vocabulary);
    List<WalkStep> walkSteps = new ArrayList<>(chosenTokens.size());
    for (int i = 0; i < chosenTokens.size(); i++) {
      walkSteps.add(new WalkStep(i, prompts.get(i), table.row(i), argmax.get(i)));
    }
    return new WalkResult(prompt, walkSteps, text.toString(), stop, table);
  }

  private void checkCapabilities(Capabilities capabilities) {
    String provider = capabilities.provider();
    OperationCapabilities completion = capabilities.completion();
    if (!completion.supported()) {
      throw new UnsupportedCapabilityException("the next-token walk needs text completion, which " + provider
          + " does not offer (its chat cannot continue a partial assistant message)", ErrorDetails.of(provider));
    }
    if (completion.logprobs() && completion.maxTopLogprobs() == 0) {
      throw new UnsupportedCapabilityException("the next-token walk needs alternative tokens, which " + provider
          + " does not report", ErrorDetails.of(provider));
    }
    // The same checks the model runs before sending: logprobs at all, k within the provider's limit.
    RequestValidator.validate(capabilities, Operation.COMPLETION, options, false, false);
  }

  /** An empty token with no bytes, or the provider's own stop with no text when we chose its token. */
  private static boolean endsSequence(TokenCandidate chosen, TokenLogprob generated, Completion completion) {
    byte[] bytes = chosen.bytes();
    if (chosen.token().isEmpty() && (bytes == null || bytes.length == 0)) {
      return true;
    }
    FinishReason finish = completion.finishReason();
    return completion.text().isEmpty()
        && finish != null && finish.kind() == FinishReason.Kind.STOP
        && chosen.sameTokenAs(generated.token(), generated.bytes(), generated.id());
  }

  private static boolean sameToken(TokenCandidate a, TokenCandidate b) {
    return a.sameTokenAs(b.token(), b.bytes(), b.id());
  }

  /** Configures a {@link NextTokenWalk}. */
  public static final class Builder {
    private final LanguageModel model;
    private int steps = 5;
    private int alternatives = 5;
    private TokenChooser chooser = TokenChooser.greedy();
    private GenerationOptions options = GenerationOptions.EMPTY;

    private Builder(LanguageModel model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The most tokens to choose, >= 1 (default 5). */
    public Builder steps(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("steps must be >= 1, was " + value);
      }
      steps = value;
      return this;
    }

    /** The alternatives asked for at each step, >= 1 and within the provider's limit (default 5). */
    public Builder alternatives(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("alternatives must be >= 1, was " + value);
      }
      alternatives = value;
      return this;
    }

    /** How the next token is chosen (default greedy). */
    public Builder chooser(TokenChooser value) {
      chooser = Objects.requireNonNull(value, "chooser");
      return this;
    }

    /**
     * Other request options, such as the model name; maxTokens, temperature, topP, topK and
     * logprobs are set by the walk.
     */
    public Builder options(GenerationOptions value) {
      options = Objects.requireNonNull(value, "options");
      return this;
    }

    public NextTokenWalk build() {
      return new NextTokenWalk(this);
    }
  }
}
