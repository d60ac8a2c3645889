package dev.nexttoken.analysis;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.LabelProbabilities;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.TableRow;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Classification by logprob: {@code P(label | prompt)} for each label of a closed set, the labels'
 * probabilities normalised over the set, the best label, and an optional abstain threshold.
 *
 * <pre>{@code
 * Classifier classifier = Classifier.builder(model).abstainBelow(0.6).build();
 * Classification c = classifier.classify("Review: great value. Sentiment:", List.of(" positive", " negative"));
 * System.out.println(c.best() + " " + c.top().probability() + " by " + c.method().label());
 * }</pre>
 *
 * <p>A text prompt is classified {@link ClassificationMethod#EXACT exactly} where the provider can
 * score a given text (each label one {@code score} request, every token of it counted), otherwise by
 * its {@link ClassificationMethod#FIRST_TOKEN first token} (one request for one token with its
 * alternatives). A conversation can only be classified by the first token of the answer. Labels are
 * matched exactly as given: include the leading space a label has after the prompt. A provider that
 * cannot do the method fails before any request with {@link UnsupportedCapabilityException}. Thread-safe.
 */
public final class Classifier {
  private final LanguageModel model;
  private final ClassificationMethod method;
  private final Integer alternatives;
  private final Double abstainBelow;
  private final GenerationOptions options;

  private Classifier(Builder builder) {
    this.model = builder.model;
    this.method = builder.method;
    this.alternatives = builder.alternatives;
    this.abstainBelow = builder.abstainBelow;
    this.options = builder.options;
  }

  public static Builder builder(LanguageModel model) {
    return new Builder(model);
  }

  /**
   * The labels' probabilities as the continuation of a text prompt.
   *
   * @throws IllegalArgumentException for fewer than two labels, an empty one or one given twice
   * @throws UnsupportedCapabilityException before any request, when the provider cannot classify this way
   */
  public Classification classify(String prompt, List<String> labels) {
    Objects.requireNonNull(prompt, "prompt");
    ChoiceRanker.checkTexts(labels, "label", 2);
    Capabilities capabilities = model.capabilities(options.model());
    ClassificationMethod chosen = method != null ? method
        : capabilities.scoring().supported() ? ClassificationMethod.EXACT : ClassificationMethod.FIRST_TOKEN;
    if (chosen == ClassificationMethod.EXACT) {
      return exact(prompt, labels, capabilities);
    }
    Requirements.alternatives(capabilities, Operation.COMPLETION, "classifying a text prompt by its first token");
    Completion answer = model.complete(CompletionRequest.builder(prompt).options(firstTokenOptions(capabilities, Operation.COMPLETION)).build());
    return firstToken(answer, labels);
  }

  /**
   * The labels' probabilities as the start of the answer to {@code conversation} (its messages; its
   * options other than the model name are replaced by one token with alternatives at temperature 0).
   *
   * @throws UnsupportedCapabilityException when the method was set to exact (a conversation has no
   *     text to score after), or the provider's chat reports no alternatives
   */
  public Classification classify(ChatRequest conversation, List<String> labels) {
    Objects.requireNonNull(conversation, "conversation");
    ChoiceRanker.checkTexts(labels, "label", 2);
    Capabilities capabilities = model.capabilities(options.model());
    if (method == ClassificationMethod.EXACT) {
      throw new UnsupportedCapabilityException("exact classification scores each label after a text prompt; "
          + "a conversation can only be classified by the first token of its answer", ErrorDetails.of(capabilities.provider()));
    }
    Requirements.alternatives(capabilities, Operation.CHAT, "classifying a conversation by its first token");
    GenerationOptions first = firstTokenOptions(capabilities, Operation.CHAT);
    Completion answer = model.chat(new ChatRequest(conversation.messages(), first));
    return firstToken(answer, labels);
  }

  private Classification exact(String prompt, List<String> labels, Capabilities capabilities) {
    Requirements.scoring(capabilities, "exact classification");
    ChoiceRanker ranker = ChoiceRanker.of(model, options.model());
    List<Double> logprobs = new ArrayList<>(labels.size());
    List<Integer> tokens = new ArrayList<>(labels.size());
    for (String label : labels) {
      RankedChoice scored = ranker.score(prompt, label);
      logprobs.add(scored.logprob());
      tokens.add(scored.tokens());
    }
    return result(labels, logprobs, tokens, java.util.Collections.nCopies(labels.size(), null), ClassificationMethod.EXACT, null);
  }

  private GenerationOptions firstTokenOptions(Capabilities capabilities, Operation operation) {
    return GenerationOptions.builder()
        .model(options.model())
        .maxTokens(1)
        .temperature(0.0)
        .topLogprobs(Requirements.alternativesToAsk(capabilities, operation, alternatives))
        .build();
  }

  private Classification firstToken(Completion answer, List<String> labels) {
    List<TokenLogprob> logprobs = answer.logprobs();
    if (logprobs == null || logprobs.isEmpty()) {
      throw new MalformedResponseException(model.provider() + " answered without logprobs; classifying by the first token needs them",
          ErrorDetails.of(model.provider()));
    }
    TableRow row = ProbabilityTable.of(logprobs.subList(0, 1)).row(0);
    List<Double> found = new ArrayList<>(labels.size());
    List<Integer> tokens = new ArrayList<>(labels.size());
    List<String> standIns = new ArrayList<>(labels.size());
    for (String label : labels) {
      TokenCandidate standIn = longestStart(row, label);
      found.add(standIn == null ? null : standIn.logprob());
      tokens.add(standIn == null ? 0 : 1);
      standIns.add(standIn == null ? null : standIn.token());
    }
    return result(labels, found, tokens, standIns, ClassificationMethod.FIRST_TOKEN, row.unseenMass());
  }

  /** The listed candidate (or the chosen token) whose text is the longest non-empty start of {@code label}. */
  private static TokenCandidate longestStart(TableRow row, String label) {
    List<TokenCandidate> seen = new ArrayList<>(row.candidates());
    if (row.rank() == null && row.logprob() != null) {
      seen.add(row.chosen());
    }
    TokenCandidate best = null;
    int bestLength = 0;
    for (TokenCandidate c : seen) {
      byte[] bytes = c.bytes();
      String text = bytes != null ? new String(bytes, UTF_8) : c.token();
      if (!text.isEmpty() && label.startsWith(text) && text.length() > bestLength) {
        best = c;
        bestLength = text.length();
      }
    }
    return best;
  }

  private Classification result(List<String> labels, List<Double> logprobs, List<Integer> tokens, List<String> standIns,
      ClassificationMethod used, Double unseenMass) {
    double[] known = logprobs.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
    boolean normalisable = known.length > 0 && LabelProbabilities.logSumExp(known) > Double.NEGATIVE_INFINITY;
    double[] normalised = normalisable ? LabelProbabilities.normalise(known) : new double[known.length];
    List<LabelScore> scores = new ArrayList<>(labels.size());
    LabelScore top = null;
    double mass = 0;
    for (int i = 0, k = 0; i < labels.size(); i++) {
      Double logprob = logprobs.get(i);
      Double probability = logprob == null || !normalisable ? null : normalised[k++];
      LabelScore score = new LabelScore(labels.get(i), logprob, probability, tokens.get(i), standIns.get(i));
      scores.add(score);
      if (logprob != null) {
        mass += Math.exp(logprob);
        if (top == null || logprob > top.logprob()) {
          top = score;
        }
      }
    }
    if (!normalisable) {
      top = null; // every known label has probability 0: none is the model's choice
    }
    boolean abstain = top == null || (abstainBelow != null && (top.probability() == null || top.probability() < abstainBelow));
    return new Classification(scores, top, abstain ? null : top.label(), abstain && top != null, used, unseenMass, Math.min(1, mass));
  }

  /** Configures a {@link Classifier}. */
  public static final class Builder {
    private final LanguageModel model;
    private ClassificationMethod method;
    private Integer alternatives;
    private Double abstainBelow;
    private GenerationOptions options = GenerationOptions.EMPTY;

    private Builder(LanguageModel model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The method for text prompts; null (the default) picks exact where the provider can score, else first-token. */
    public Builder method(ClassificationMethod value) {
      method = value;
      return this;
    }

    /** Alternatives asked for at the first token (first-token only); default min(20, the provider's maximum). */
    public Builder alternatives(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("alternatives must be >= 1, was " + value);
      }
      alternatives = value;
      return this;
    }

    /** Abstain ({@link Classification#best()} null) when the top label's normalised probability is under {@code p}. */
    public Builder abstainBelow(double p) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("the abstain threshold must be a probability in [0, 1], was " + p);
      }
      abstainBelow = p;
      return this;
    }

    /** The model name to use (the rest of the options is set by the classifier). */
    public Builder model(String name) {
      options = GenerationOptions.builder().model(name).build();
      return this;
    }

    public Classifier build() {
      return new Classifier(this);
    }
  }
}
