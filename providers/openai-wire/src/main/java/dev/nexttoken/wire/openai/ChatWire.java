package dev.nexttoken.wire.openai;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import java.io.IOException;
import java.io.InputStream;

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
   * Reads a blocking answer as it arrives (no copy of the whole body first) into a completion.
   *
   * @param logprobs what the request asked for: logprobs a server sends anyway are not read
   */
  public Completion completion(InputStream body, ResponseMetadata headers, LogprobsOption logprobs) throws IOException {
    ChatResponse response = Json.read(body, new ChatResponseReader(logprobs, dialect), dialect.provider(), "a chat completion");
    return ChatMapping.toCompletion(response, headers, dialect.provider());
  }

  /** A fresh mapper for one stream's events. */
  public EventMapper streamMapper(LogprobsOption logprobs) {
    return new ChatChunkMapper(logprobs, dialect);
  }
}
