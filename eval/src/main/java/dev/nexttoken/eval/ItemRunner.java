package dev.nexttoken.eval;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.Usage;
import dev.nexttoken.analysis.Classification;
import dev.nexttoken.analysis.Classifier;
import java.util.concurrent.TimeUnit;

/**
 * Runs one item on one target and makes its row; a failure becomes the row's {@code error}, never a
 * lost row. Generate items ask for the chosen tokens' logprobs (and the item's {@code topLogprobs}
 * alternatives) wherever the target reports logprobs, so that every answer has a perplexity and a
 * drill-down; a target that reports none answers without them.
 */
final class ItemRunner {
  private final Target target;
  private final TargetGuard guard;
  private final PriceTable prices;

  ItemRunner(Target target, TargetGuard guard, PriceTable prices) {
    this.target = target;
    this.guard = guard;
    this.prices = prices;
  }

  /** The row of {@code item}; throws only {@link StoppedException}, when the run stops mid-item. */
  ResultRow run(EvalItem item) {
    RuntimeException paused = guard.pausedBy();
    if (paused != null) {
      return row(item, new MeteredModel(target.client(), guard), null, null, null, null, null, new TargetPausedException(target.name(),
          target.limits().failuresBeforePause(), paused));
    }
    MeteredModel model = new MeteredModel(target.client(), guard);
    try {
      ResultRow row = switch (item.kind()) {
        case GENERATE -> generate(item, model);
        case SCORE -> score(item, model);
        case CLASSIFY -> classify(item, model);
      };
      guard.onSuccess();
      return row;
    } catch (StoppedException e) {
      throw e;
    } catch (RuntimeException e) {
      guard.onFailure(e);
      return row(item, model, null, null, null, null, null, e);
    }
  }

  private ResultRow generate(EvalItem item, MeteredModel model) {
    boolean chat = item.messages() != null;
    Operation operation = chat ? Operation.CHAT : Operation.COMPLETION;
    OperationCapabilities caps = model.capabilities(target.model()).of(operation);
    GenerationOptions.Builder options = GenerationOptions.builder().model(target.model()).maxTokens(item.maxTokens())
        .temperature(item.temperature());
    if (caps.logprobs()) {
      int k = item.topLogprobs() == null ? 0 : Math.min(item.topLogprobs(), caps.maxTopLogprobs());
      options.logprobs(LogprobsOption.top(k));
    } else if (item.topLogprobs() != null && item.topLogprobs() > 0) {
      options.topLogprobs(item.topLogprobs()); // refused before sending, naming what the target lacks
    }
    GenerationOptions built = options.build();
    Completion answer = chat ? model.chat(new ChatRequest(item.messages(), built))
        : model.complete(CompletionRequest.builder(item.prompt()).options(built).build());
    return row(item, model, answer.text(), answer.finishReason(), answer.logprobs(), null, answer.model(), null);
  }

  private ResultRow score(EvalItem item, MeteredModel model) {
    ScoreRequest request = ScoreRequest.of(item.prompt(), item.text()).withModel(target.model());
    ScoredText scored = model.score(request);
    return row(item, model, item.text(), null, scored.tokens(), null, scored.model(), null);
  }

  private ResultRow classify(EvalItem item, MeteredModel model) {
    Classifier classifier = Classifier.builder(model).model(target.model()).build();
    Classification c = classifier.classify(item.prompt(), item.labels());
    return row(item, model, c.top() == null ? null : c.top().label(), null, null, c, model.answeringModel(), null);
  }

  private ResultRow row(EvalItem item, MeteredModel model, String text, dev.nexttoken.FinishReason finish,
      java.util.List<dev.nexttoken.logprob.TokenLogprob> tokens, Classification classification, String answeredBy, RuntimeException error) {
    Usage usage = model.usage();
    String modelName = answeredBy != null ? answeredBy : model.answeringModel() != null ? model.answeringModel() : target.model();
    Price price = prices.find(target.provider(), modelName != null ? modelName : target.model());
    Double cost = price == null ? null : price.cost(usage);
    long latencyMs = TimeUnit.NANOSECONDS.toMillis(model.meter.latencyNanos);
    return new ResultRow(item.id(), target.name(), target.provider(), modelName, item.kind(), text, finish, usage, latencyMs,
        model.meter.attempts, cost, tokens, classification, item.gold(), error);
  }
}
