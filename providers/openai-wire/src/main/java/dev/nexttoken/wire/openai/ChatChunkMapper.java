package dev.nexttoken.wire.openai;

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
 * <p>Only choice 0 is reported, as {@link ChatMapping} reports the blocking answer's choice 0: with
 * several choices ({@code n > 1}) their chunks arrive interleaved, each naming its own
 * {@code index}, and the chunks of the others carry nothing for this stream. Each chunk's logprobs
 * describe only the tokens of its own delta, so they are mapped into a fresh list once per chunk and
 * never repeated (the accumulator appends them); a chunk whose {@code logprobs} is null or absent
 * carries none (null), one with {@code content: []} an empty list. A chunk carrying nothing at all
 * is skipped; the usage chunk ({@code choices: []}) carries usage alone. A refusal streams as text,
 * as in {@link ChatMapping}, and turns the finish reason into {@code CONTENT_FILTER}. One instance
 * per stream.
 */
public final class ChatChunkMapper implements EventMapper {
  private final ChatResponseReader reader;
  private final String provider;
  private boolean fingerprintSeen;
  private StringBuilder refusal;

  public ChatChunkMapper(LogprobsOption logprobs, ChatDialect dialect) {
    this.reader = new ChatResponseReader(logprobs, dialect);
    this.provider = dialect.provider();
  }

  @Override
  public Chunk map(StreamEvent event) {
    ChatResponse response = Json.read(event, reader, provider, "a chat completion chunk");
    ChatResponse.Choice choice = response.choice();
    String text = "";
    List<TokenLogprob> tokens = null;
    FinishReason finish = null;
    Map<String, String> extras = Map.of();
    if (!fingerprintSeen && response.systemFingerprint() != null) {
      fingerprintSeen = true;
      extras = Responses.fingerprint(response.systemFingerprint());
    }
    if (choice != null) {
      text = text(choice.delta());
      // Null unless asked for: ChatResponseReader skips logprobs a server sends anyway.
      tokens = choice.logprobs() == null ? null : choice.logprobs().all();
      finish = FinishReasons.of(choice.finishReason());
      if (finish != null && refusal != null) {
        finish = FinishReasons.refusal(choice.finishReason());
        extras = Responses.withRefusal(extras, refusal.toString());
      }
    }
    Usage usage = response.usage() == null ? null : WireUsage.toUsage(response.usage());
    if (text.isEmpty() && tokens == null && finish == null && usage == null && extras.isEmpty()) {
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
}
