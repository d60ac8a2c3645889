package dev.nexttoken.llamacpp.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Neutral completion requests to native {@code /completion} bodies, and its responses and stream events back. */
public final class NativeCompletionMapper {
  private static final String PROVIDER = "llamacpp";

  private NativeCompletionMapper() {}

  /** The body for {@code request}. */
  public static NativeCompletionBody body(CompletionRequest request, WireSettings settings, boolean stream) {
    GenerationOptions o = request.options();
    LogprobsRequest logprobs = LogprobsRequest.of(o.logprobsOrNone());
    return new NativeCompletionBody(
        o.model(),
        request.prompt(),
        o.maxTokens(),
        o.temperature(),
        o.topK(),
        o.topP(),
        o.seed(),
        o.stop(),
        SamplingConstraints.jsonSchema(o.responseFormat()),
        SamplingConstraints.logitBias(o.logitBias()),
        logprobs.nProbs(),
        logprobs.enabled() ? settings.postSamplingProbs() : null,
        stream,
        settings.cachePrompt());
  }

  /** A non-streaming response as a completion. */
  public static Completion completion(NativeCompletionResponse response, LogprobsOption option, ResponseMetadata metadata) {
    LogprobsRequest logprobs = LogprobsRequest.of(option);
    return new Completion(
        response.content() == null ? "" : response.content(),
        FinishReasons.fromNative(response),
        usage(response),
        response.model(),
        metadata.withExtras(extras(response)),
        logprobs.enabled() ? LogprobMapper.map(response.completionProbabilities(), logprobs.withAlternatives()) : null,
        null);
  }

  /**
   * The mapper for a stream's events: a partial event carries text and one probability entry; the final
   * one ({@code stop:true}) the summary and no logprobs (null). There is no {@code [DONE]}: the stream simply ends.
   */
  public static EventMapper streamMapper(LogprobsOption option) {
    LogprobsRequest logprobs = LogprobsRequest.of(option);
    return event -> {
      NativeCompletionResponse r = Json.read(event.data(), NativeCompletionResponse.class, PROVIDER, "a /completion stream event");
      String text = r.content() == null ? "" : r.content();
      if (r.isFinal()) {
        // Servers before Dec 2024 repeated every probability in the final event; current ones send none.
        // Either way the partial events already delivered them, so they are not read here.
        return new Chunk(text, null, FinishReasons.fromNative(r), usage(r), r.model(), null, extras(r));
      }
      List<TokenLogprob> entries =
          logprobs.enabled() ? LogprobMapper.map(r.completionProbabilities(), logprobs.withAlternatives()) : null;
      return new Chunk(text, entries, null, null, null, null, Map.of());
    };
  }

  /**
   * {@code tokens_evaluated} (the whole prompt, cached part included) and {@code tokens_predicted};
   * cached tokens from {@code timings.cache_n}; llama.cpp counts no reasoning tokens apart (null).
   */
  private static Usage usage(NativeCompletionResponse r) {
    if (r.tokensEvaluated() == null && r.tokensPredicted() == null) {
      return Usage.UNKNOWN;
    }
    return Usage.of(r.tokensEvaluated(), r.tokensPredicted()).withDetails(r.cacheN(), null);
  }

  /** Facts the neutral fields do not hold: the matched stop string, and whether the context overflowed. */
  private static Map<String, String> extras(NativeCompletionResponse r) {
    Map<String, String> extras = new LinkedHashMap<>();
    if (r.stoppingWord() != null && !r.stoppingWord().isEmpty()) {
      extras.put("stopping_word", r.stoppingWord());
    }
    if (Boolean.TRUE.equals(r.truncated())) {
      extras.put("truncated", "true");
    }
    return extras;
  }
}
