package dev.nexttoken;

import java.util.List;

/**
 * The option setters every request builder shares, so the two request types spell them one way.
 *
 * @param <B> the concrete builder, returned from each setter
 */
public abstract class OptionsBuilder<B extends OptionsBuilder<B>> {
  private String model;
  private Integer maxTokens;
  private Double temperature;
  private Double topP;
  private Integer topK;
  private List<String> stop;
  private Long seed;
  private LogprobsOption logprobs;
  private ResponseFormat responseFormat;
  private ReasoningEffort reasoningEffort;
  private Integer choices;
  private LogitBias logitBias;

  OptionsBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  public B model(String value) {
    model = value;
    return self();
  }

  public B maxTokens(Integer value) {
    maxTokens = value;
    return self();
  }

  public B temperature(Double value) {
    temperature = value;
    return self();
  }

  public B topP(Double value) {
    topP = value;
    return self();
  }

  /** The sampling parameter top-k; see {@link #topLogprobs} for the number of alternatives reported. */
  public B topK(Integer value) {
    topK = value;
    return self();
  }

  public B stop(List<String> value) {
    stop = value;
    return self();
  }

  public B stop(String... value) {
    return stop(List.of(value));
  }

  public B seed(Long value) {
    seed = value;
    return self();
  }

  public B logprobs(LogprobsOption value) {
    logprobs = value;
    return self();
  }

  /** Ask for the chosen tokens' logprobs and {@code k} alternatives per position (0: chosen only). */
  public B topLogprobs(int k) {
    return logprobs(LogprobsOption.top(k));
  }

  /** The shape the answer must take; see {@link #jsonSchema(String)} for the usual case. */
  public B responseFormat(ResponseFormat value) {
    responseFormat = value;
    return self();
  }

  /** Ask for JSON following {@code schema} (JSON text of a JSON Schema). */
  public B jsonSchema(String schema) {
    return responseFormat(ResponseFormat.jsonSchema(schema));
  }

  public B reasoningEffort(ReasoningEffort value) {
    reasoningEffort = value;
    return self();
  }

  /** How many answers to generate ({@code n}). */
  public B choices(Integer value) {
    choices = value;
    return self();
  }

  public B logitBias(LogitBias value) {
    logitBias = value;
    return self();
  }

  /** Copy every field of {@code options} into this builder. */
  public B options(GenerationOptions options) {
    model = options.model();
    maxTokens = options.maxTokens();
    temperature = options.temperature();
    topP = options.topP();
    topK = options.topK();
    stop = options.stop();
    seed = options.seed();
    logprobs = options.logprobs();
    responseFormat = options.responseFormat();
    reasoningEffort = options.reasoningEffort();
    choices = options.choices();
    logitBias = options.logitBias();
    return self();
  }

  /** The options set so far. */
  protected GenerationOptions options() {
    return new GenerationOptions(model, maxTokens, temperature, topP, topK, stop, seed, logprobs, responseFormat,
        reasoningEffort, choices, logitBias);
  }
}
