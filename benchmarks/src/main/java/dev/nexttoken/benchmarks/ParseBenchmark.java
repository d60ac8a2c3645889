package dev.nexttoken.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.benchmarks.clients.FloorClient;
import dev.nexttoken.benchmarks.stub.Canned;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.StreamEvent;
import dev.nexttoken.wire.openai.ChatChunkMapper;
import dev.nexttoken.wire.openai.ChatDialect;
import dev.nexttoken.wire.openai.ChatMapping;
import dev.nexttoken.wire.openai.ChatResponse;
import dev.nexttoken.wire.openai.ChatResponseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * No network: the decoding steps of one chat answer and one stream event, each alone, so a profile's
 * "Json.read costs 80%" can be split into what each step costs and what a change would buy. Not part
 * of run.sh; run it by hand (see FINDINGS.md) on the nexttoken classpath.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParseBenchmark {
  private static final LogprobsOption TOP5 = LogprobsOption.top(Canned.TOP);
  private static final ChatDialect OPENAI = ChatDialect.openAi("openai");

  private byte[] chat;
  private byte[] chatWithoutBytes;
  private ChatResponse parsedChat;
  private byte[] event;
  private String eventText;
  private String eventTextWithoutBytes;
  private byte[] eventWithoutBytes;

  @Setup
  public void load() throws IOException {
    chat = Canned.chatJson(false);
    chatWithoutBytes = withoutBytes(new String(chat, UTF_8)).getBytes(UTF_8);
    parsedChat = chatRead();
    String sse = new String(Canned.chatStreamSse(false), UTF_8);
    // The second event: the first content chunk, one token with 5 alternatives.
    String second = sse.split("\n\n")[1].substring("data: ".length());
    eventText = second;
    event = second.getBytes(UTF_8);
    eventTextWithoutBytes = withoutBytes(second);
    eventWithoutBytes = eventTextWithoutBytes.getBytes(UTF_8);
  }

  private static String withoutBytes(String json) {
    return json.replaceAll(",\"bytes\":\\[[0-9,]*\\]", "");
  }

  /** The floor's whole parse of a chat answer into small records. */
  @Benchmark
  public Object chatFloorParse() throws IOException {
    return FloorClient.parseChat(new ByteArrayInputStream(chat));
  }

  private static final com.fasterxml.jackson.core.JsonFactory FAST_DOUBLES =
      com.fasterxml.jackson.core.JsonFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  /**
   * The floor's parse with jackson's FastDoubleParser on, as nexttoken's {@code Json} has it: what
   * that one parser feature is worth, which the floor as the issue defines it does not use.
   */
  @Benchmark
  public Object chatFloorParseFastDoubles() throws IOException {
    return FloorClient.parseChat(FAST_DOUBLES, new ByteArrayInputStream(chat));
  }

  /** nexttoken's read of a chat answer ({@link ChatResponseReader}: neutral logprobs, wire records for the rest). */
  @Benchmark
  public ChatResponse chatRead() throws IOException {
    return Json.read(new ByteArrayInputStream(chat), new ChatResponseReader(TOP5, OPENAI), "openai", "a chat completion");
  }

  /** The same read of the same answer without the {@code bytes} arrays: what reading bytes costs. */
  @Benchmark
  public ChatResponse chatReadWithoutBytes() throws IOException {
    return Json.read(new ByteArrayInputStream(chatWithoutBytes), new ChatResponseReader(TOP5, OPENAI), "openai", "a chat completion");
  }

  /** Mapping the wire records to the neutral {@code Completion} (logprob normalising, ranking, copies). */
  @Benchmark
  public Completion chatMapping() {
    return ChatMapping.toCompletion(parsedChat, ResponseMetadata.EMPTY, "openai");
  }

  /** The floor's parse of one stream event, from its bytes. */
  @Benchmark
  public Object eventFloorParse() throws IOException {
    return FloorClient.parseChunk(event, 0, event.length);
  }

  /** The floor's parse of one stream event without its {@code bytes} arrays: what skipping them costs the floor. */
  @Benchmark
  public Object eventFloorParseWithoutBytes() throws IOException {
    return FloorClient.parseChunk(eventWithoutBytes, 0, eventWithoutBytes.length);
  }

  /** nexttoken's mapping of one stream event as its SSE reader hands it over (a String). */
  @Benchmark
  public Chunk eventChunkMapper() {
    return new ChatChunkMapper(TOP5, OPENAI).map(new StreamEvent(null, eventText, null));
  }

  /** The same without the {@code bytes} arrays. */
  @Benchmark
  public Chunk eventChunkMapperWithoutBytes() {
    return new ChatChunkMapper(TOP5, OPENAI).map(new StreamEvent(null, eventTextWithoutBytes, null));
  }

  /** The read of one event from its UTF-8 bytes (no decoding to a String first). */
  @Benchmark
  public ChatResponse eventReadFromBytes() throws IOException {
    return Json.read(new ByteArrayInputStream(event), new ChatResponseReader(TOP5, OPENAI), "openai", "a chat completion chunk");
  }

  /** The read of one event from a String, as ChatChunkMapper does. */
  @Benchmark
  public ChatResponse eventReadFromString() {
    return Json.read(eventText, new ChatResponseReader(TOP5, OPENAI), "openai", "a chat completion chunk");
  }
}
