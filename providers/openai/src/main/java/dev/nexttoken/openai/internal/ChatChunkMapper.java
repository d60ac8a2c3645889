package dev.nexttoken.openai.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.FinishReason;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.StreamEvent;
import java.util.List;
import java.util.Map;

/**
 * One {@code /v1/chat/completions} stream event as a neutral chunk.
 *
 * <p>Each chunk's logprobs describe only the tokens of its own delta, so they are mapped into a
 * fresh list once per chunk and never repeated (the accumulator appends them). The first chunk
 * (role only, {@code logprobs} null or {@code content: []}) carries nothing and is skipped; the
 * usage chunk ({@code choices: []}) carries usage alone. A refusal streams as text, as in
 * {@link ChatMapping}, and turns the finish reason into {@code CONTENT_FILTER}. One instance per
 * stream.
 */
public final class ChatChunkMapper implements EventMapper {
  private final ChatResponseReader reader;
  private boolean fingerprintSeen;
  private StringBuilder refusal;

  public ChatChunkMapper(LogprobsOption logprobs) {
    this.reader = new ChatResponseReader(logprobs);
  }

  @Override
  public Chunk map(StreamEvent event) {
    ChatResponse response = Json.read(event, reader, Responses.PROVIDER, "an OpenAI chat completion chunk");
    ChatResponse.Choice choice = response.choice();
    String text = "";
    List<TokenLogprob> tokens = List.of();
    FinishReason finish = null;
    Map<String, String> extras = Map.of();
    if (!fingerprintSeen && response.systemFingerprint() != null) {
      fingerprintSeen = true;
      extras = Responses.fingerprint(response.systemFingerprint());
    }
    if (choice != null) {
      text = text(choice.delta());
      tokens = tokens(choice.logprobs());
      finish = FinishReasons.of(choice.finishReason());
      if (finish != null && refusal != null) {
        finish = FinishReasons.refusal(choice.finishReason());
        extras = ChatMapping.withRefusal(extras, refusal.toString());
      }
    }
    Usage usage = response.usage() == null ? null : WireUsage.toUsage(response.usage());
    if (text.isEmpty() && tokens.isEmpty() && finish == null && usage == null && extras.isEmpty()) {
      return null;
    }
    return new Chunk(text, tokens, finish, usage, response.model(), response.id(), extras);
  }

  private String text(ChatResponse.Message delta) {
    if (delta == null) {
      return "";
    }
    if (delta.content() != null) {
      return delta.content();
    }
    if (delta.refusal() != null) {
      if (refusal == null) {
        refusal = new StringBuilder();
      }
      refusal.append(delta.refusal());
      return delta.refusal();
    }
    return "";
  }

  /** Reads none when the caller asked for none: {@link ChatResponseReader} skips logprobs a server sends anyway. */
  private static List<TokenLogprob> tokens(ChatResponse.Logprobs wire) {
    return wire == null ? List.of() : wire.all();
  }
}
