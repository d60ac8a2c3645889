package dev.nexttoken.openai.internal;

import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.Map;

/**
 * A whole {@code /v1/chat/completions} response as a neutral {@link Completion}.
 *
 * <p>A refusal ({@code content} null, {@code refusal} set) becomes the text, so a caller printing
 * the answer sees what the model said; the finish reason is {@code CONTENT_FILTER} (the raw
 * {@code finish_reason} kept), the refusal text is also in the metadata extras under
 * {@code "refusal"}, and the logprobs are those of the refusal's tokens.
 */
public final class ChatMapping {
  private ChatMapping() {}

  public static Completion toCompletion(ChatResponse response, ResponseMetadata headers, LogprobsOption option) {
    ChatResponse.Choice choice = Responses.required(response.choice(), "an OpenAI chat completion");
    ChatResponse.Message message = choice.message();
    String content = message == null ? null : message.content();
    String refusal = message == null ? null : message.refusal();
    boolean refused = content == null && refusal != null;
    List<TokenLogprob> logprobs = null; // null: not asked for; empty: asked for, none sent
    if (option.enabled()) {
      logprobs = choice.logprobs() == null ? List.of() : choice.logprobs().all();
    }
    Map<String, String> extras = Responses.fingerprint(response.systemFingerprint());
    FinishReason finish = FinishReasons.of(choice.finishReason());
    if (refused) {
      extras = withRefusal(extras, refusal);
      finish = FinishReasons.refusal(choice.finishReason());
    }
    return new Completion(
        refused ? refusal : content == null ? "" : content,
        finish,
        WireUsage.toUsage(response.usage()),
        response.model(),
        Responses.metadata(headers, response.id(), extras),
        logprobs,
        null);
  }

  static Map<String, String> withRefusal(Map<String, String> extras, String refusal) {
    if (extras.isEmpty()) {
      return Map.of(Responses.REFUSAL, refusal);
    }
    var merged = new java.util.HashMap<>(extras);
    merged.put(Responses.REFUSAL, refusal);
    return merged;
  }
}
