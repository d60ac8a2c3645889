package dev.nexttoken.wire.openai;

import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.Map;

/**
 * A whole {@code /v1/chat/completions} response as a neutral {@link Completion}: its choice with
 * index 0, as a stream reports it too ({@link ChatChunkMapper}).
 *
 * <p>Logprobs are null when the answer carries none (not requested, so not read; or
 * {@code "logprobs": null}), and an empty list only when the server sent an empty list.
 *
 * <p>A refusal ({@code content} null, {@code refusal} set) becomes the text, so a caller printing
 * the answer sees what the model said; the finish reason is {@code CONTENT_FILTER} (the raw
 * {@code finish_reason} kept), the refusal text is also in the metadata extras under
 * {@code "refusal"}, and the logprobs are those of the refusal's tokens.
 */
public final class ChatMapping {
  private ChatMapping() {}

  public static Completion toCompletion(ChatResponse response, ResponseMetadata headers, String provider) {
    ChatResponse.Choice choice = Responses.required(response.choice(), provider, "a chat completion");
    ChatResponse.Message message = choice.message();
    String content = message == null ? null : message.content();
    String refusal = message == null ? null : message.refusal();
    boolean refused = content == null && refusal != null;
    List<TokenLogprob> logprobs = choice.logprobs() == null ? null : choice.logprobs().all();
    Map<String, String> extras = Responses.fingerprint(response.systemFingerprint());
    FinishReason finish = FinishReasons.of(choice.finishReason());
    if (refused) {
      extras = Responses.withRefusal(extras, refusal);
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
}
