package dev.nexttoken.wire.openai;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.HttpResult;
import dev.nexttoken.spi.Json;

/**
 * {@code POST /v1/chat/completions} in one dialect: the three things a provider needs (the body,
 * the blocking answer, the stream's mapper). Immutable and thread-safe.
 *
 * <p>Both calls report the answer's choice with index 0 and the others as
 * {@link Completion#otherChoices()}, blocking and streamed alike (stream chunks name their choice),
 * so a collected stream equals the blocking answer, tool calls' arguments byte for byte.
 */
public final class ChatWire {
  private final ChatDialect dialect;

  public ChatWire(ChatDialect dialect) {
    this.dialect = dialect;
  }

  public ChatDialect dialect() {
    return dialect;
  }

  /** The request body; a stream asks for the usage chunk when {@code includeUsage}. */
  public ChatBody body(ChatRequest request, boolean stream, boolean includeUsage) {
    return ChatRequestMapper.body(request, dialect, stream, includeUsage);
  }

  /**
   * Reads a blocking answer, the whole body in memory, into a completion. Whole rather than as it
   * arrives (as before issue 20): so {@link ChatResponseScanner} reads it, at less than half of
   * jackson-core's cost, for one copy of the body (31 KB for 64 tokens with 5 alternatives each).
   *
   * @param logprobs what the request asked for: logprobs a server sends anyway are not read
   */
  public Completion completion(HttpResult result, LogprobsOption logprobs) {
    ChatResponse response = Json.read(result.body(), new ChatResponseReader(logprobs, dialect), dialect.provider(), "a chat completion");
    return ChatMapping.toCompletion(response, result.metadata(), dialect.provider());
  }

  /** A fresh mapper for one stream's events. */
  public EventMapper streamMapper(LogprobsOption logprobs) {
    return new ChatChunkMapper(logprobs, dialect);
  }
}
