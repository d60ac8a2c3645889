package dev.nexttoken.openai.internal.responses;

import static dev.nexttoken.spi.JsonValues.integer;
import static dev.nexttoken.spi.JsonValues.startObject;
import static dev.nexttoken.spi.JsonValues.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nexttoken.Chunk;
import dev.nexttoken.FinishReason;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ToolCallDelta;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.JsonScanner;
import dev.nexttoken.spi.StreamEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code response.*} stream event (wire-formats-2 §1.4) as a neutral chunk. One instance per
 * stream: it keeps the response id and model from {@code response.created}, the calls seen
 * ({@link StreamedCalls}), the reasoning part being streamed, and a refusal's text.
 *
 * <ul>
 *   <li>{@code response.output_text.delta}: its text, and its {@code logprobs} when asked for (they
 *       arrive as {@code []} even when not, and are then left unread: the chunk carries none). The
 *       entries have no bytes; {@link TokenBytes} derives them.
 *   <li>{@code response.refusal.delta}: its text, as in a blocking answer, which it turns into a
 *       {@code CONTENT_FILTER} finish.
 *   <li>{@code response.output_item.added} and {@code .done} of a {@code function_call},
 *       {@code response.function_call_arguments.delta} and {@code .done}: tool-call pieces, numbered
 *       in the order the calls start.
 *   <li>{@code response.reasoning_summary_text.delta} and {@code response.reasoning_text.delta}:
 *       reasoning, never text; a new part (another summary part, another item) starts with
 *       {@link OutputReader#PART_SEPARATOR}, as parts are joined in a whole answer.
 *   <li>{@code response.completed}, {@code response.incomplete} (and a gateway's non-standard
 *       {@code response.done}): the finish reason and usage of the response they carry; their
 *       output repeats what the deltas said (with rounded logprobs) and is skipped unread, except
 *       for calls that no event before showed.
 *   <li>{@code response.failed}, and an {@code error} payload that reaches the mapper without an
 *       {@code event: error} line: a {@link dev.nexttoken.error.StreamErrorException} (core's stream
 *       reader already turns {@code event: error} into one).
 *   <li>Everything else ({@code response.created} aside, which only names the response:
 *       {@code .in_progress}, {@code .content_part.*}, {@code .output_text.done}, reasoning
 *       {@code .done} and part events, and event types added later): no chunk.
 * </ul>
 *
 * <p>What the mapper does not use is not parsed. The four events that close a text answer repeat
 * it whole, every logprob included (with 5 alternatives, 3.4 MB of a 2,000-token stream's 4.2 MB):
 * an event whose SSE name is a {@code response.*} type the mapper has no use for is dropped before
 * its data is parsed, and one without a name (or with another) once its leading {@code type} says
 * so (OpenAI writes {@code type} first); an {@code .output_item.*} event is dropped once its item's
 * {@code type} shows it is not a function call. None of them holds anything the deltas did not: the
 * text and logprobs (whose bytes the deltas' tokens give, {@link TokenBytes}), a refusal's text, a
 * reasoning part's text; the rest ({@code annotations}, a reasoning item's
 * {@code encrypted_content}) is not read on this route either way. They are not checked against
 * the deltas: that would mean reading them.
 */
public final class ResponsesEventMapper implements EventMapper {
  private static final String FUNCTION_CALL = "function_call";

  private final String provider;
  private final EventReader reader;
  private final StreamedCalls calls = new StreamedCalls();
  private String id;
  private String model;
  private StringBuilder refusal;
  /** The reasoning part last streamed (kind, item, index), null before any. */
  private String reasoningPart;

  public ResponsesEventMapper(String provider, LogprobsOption logprobs) {
    this.provider = provider;
    this.reader = new EventReader(logprobs);
  }

  /**
   * True: an event's top-level {@code "error"} is noticed here, as the event is read, so core does
   * not read response.completed (0.95 MB with 2,000 tokens × 5 alternatives) a second time to look
   * for one: that second pass was a quarter of the Responses stream's CPU (issue 20). An event dropped
   * unread, or left part-read, is asked {@link StreamEvent#hasTopLevelError()} instead.
   */
  @Override
  public boolean reportsErrorMember() {
    return true;
  }

  /** Whether the fast path reads {@code utf8} itself (for the test that compares it with the parser path). */
  static boolean scans(byte[] utf8, LogprobsOption logprobs) {
    try {
      return new EventReader(logprobs).scan(utf8, 0, utf8.length) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public Chunk map(StreamEvent event) {
    String name = event.event();
    if (name != null && name.startsWith("response.") && !uses(name)) {
      // Named for what it is: a repeat, or an event this route does not use.
      return unread(event);
    }
    Event e = Json.read(event, reader, provider, "a Responses stream event");
    if (e == null) {
      return null;
    }
    if (e.partRead) {
      return unread(event);
    }
    if (e.type == null) {
      return null;
    }
    switch (e.type) {
      case "response.created", "response.in_progress", "response.queued" -> {
        remember(e.response);
        return null;
      }
      case "response.output_text.delta" -> {
        String text = e.delta == null ? "" : e.delta;
        List<TokenLogprob> tokens = ResponsesWire.carriedLogprobs(text, e.logprobs);
        return text.isEmpty() && tokens == null ? null : new Chunk(text, tokens, null, null, model, id, Map.of());
      }
      case "response.refusal.delta" -> {
        if (e.delta == null || e.delta.isEmpty()) {
          return null;
        }
        if (refusal == null) {
          refusal = new StringBuilder();
        }
        refusal.append(e.delta);
        return new Chunk(e.delta, null, null, null, model, id, Map.of());
      }
      case "response.output_item.added", "response.output_item.done" -> {
        Item item = e.item;
        if (item == null || !FUNCTION_CALL.equals(item.type)) {
          return null;
        }
        return call(calls.whole(item.id, e.outputIndex, item.callId, item.name, item.arguments));
      }
      case "response.function_call_arguments.delta" -> {
        return e.delta == null || e.delta.isEmpty() ? null : call(calls.fragment(e.itemId, e.outputIndex, e.delta));
      }
      case "response.function_call_arguments.done" -> {
        return call(calls.whole(e.itemId, e.outputIndex, null, e.name, e.arguments));
      }
      case "response.reasoning_summary_text.delta" -> {
        return reasoning("summary", e.itemId, e.summaryIndex, e.delta);
      }
      case "response.reasoning_text.delta" -> {
        return reasoning("text", e.itemId, e.contentIndex, e.delta);
      }
      case "response.completed", "response.incomplete", "response.done" -> {
        return finish(e);
      }
      case "response.failed" -> throw ResponsesMapping.failed(provider, e.response == null ? null : e.response.error(), null);
      case "error" -> throw ResponsesMapping.failed(provider, e.error, null);
      default -> {
        return null;
      }
    }
  }

  /** No chunk from an event dropped unread, unless its top level reports an error. */
  private static Chunk unread(StreamEvent event) {
    if (event.hasTopLevelError()) {
      throw new EventMapper.ErrorMember();
    }
    return null;
  }

  /**
   * Whether events of {@code type} can carry anything for a chunk: the types {@link #map} reads. The
   * rest are dropped unread (by their SSE name when it is a {@code response.*} type, else after
   * their {@code type}).
   */
  private static boolean uses(String type) {
    return switch (type) {
      case "response.created", "response.in_progress", "response.queued", "response.output_text.delta",
          "response.refusal.delta", "response.output_item.added", "response.output_item.done",
          "response.function_call_arguments.delta", "response.function_call_arguments.done",
          "response.reasoning_summary_text.delta", "response.reasoning_text.delta", "response.completed",
          "response.incomplete", "response.done", "response.failed", "error" -> true;
      default -> false;
    };
  }

  private void remember(WireResponse response) {
    if (response != null) {
      id = id == null ? response.id() : id;
      model = model == null ? response.model() : model;
    }
  }

  private Chunk call(ToolCallDelta delta) {
    return delta == null ? null : empty().withToolCalls(List.of(delta));
  }

  private Chunk reasoning(String kind, String itemId, Integer index, String delta) {
    if (delta == null || delta.isEmpty()) {
      return null;
    }
    String part = kind + '/' + itemId + '/' + index;
    boolean newPart = reasoningPart != null && !Objects.equals(part, reasoningPart);
    reasoningPart = part;
    return empty().withReasoning(newPart ? OutputReader.PART_SEPARATOR + delta : delta, null);
  }

  private Chunk empty() {
    return new Chunk("", null, null, null, model, id, Map.of());
  }

  private Chunk finish(Event e) {
    WireResponse response = e.response;
    if (response == null) {
      // A terminal event without its response says only that the stream ended well.
      return new Chunk("", null, FinishReason.of(FinishReason.Kind.OTHER, e.type), null, model, id, Map.of());
    }
    remember(response);
    if ("failed".equals(response.status())) {
      throw ResponsesMapping.failed(provider, response.error(), null);
    }
    List<ToolCallDelta> unseen = calls.unseen(response.calls());
    String refused = refusal == null ? null : refusal.toString();
    FinishReason finish = ResponsesMapping.finishReason(response, refused != null, calls.any());
    Map<String, String> extras = ResponsesMapping.extras(refused);
    return new Chunk("", null, finish, response.usage(), model, id, extras).withToolCalls(unseen);
  }

  /** The fields of one event the mapper uses. */
  private static final class Event {
    /** Left part-read: its type, or its item's, showed there was nothing to use (the parser stopped there). */
    boolean partRead;
    String type;
    String delta;
    List<TokenLogprob> logprobs;
    WireResponse response;
    Item item;
    String itemId;
    Integer outputIndex;
    Integer summaryIndex;
    Integer contentIndex;
    String name;
    String arguments;
    WireResponse.WireError error;
  }

  /** What the mapper uses of an event's {@code item}: its type, and a function call's fields. */
  private static final class Item {
    /** Read only up to its type, which says it is not a call: the parser was left inside it. */
    boolean partRead;
    String type;
    String id;
    String callId;
    String name;
    String arguments;
  }

  /**
   * Reads an event's payload: {@code type}, {@code delta}, {@code logprobs}, {@code response},
   * {@code item}, the item's coordinates, a call's {@code name} and {@code arguments}, and an error's
   * {@code code}/{@code message} (top-level as documented, or nested under {@code error} as
   * observed). OpenAI writes {@code type} first: once it names an event the mapper does not use,
   * or an item that is not a function call, the rest is left unparsed.
   */
  private static final class EventReader implements Json.Reader<Event> {
    private static final String TEXT_DELTA = "response.output_text.delta";
    private static final byte[] TYPE = ascii("type");
    private static final byte[] DELTA = ascii("delta");
    private static final byte[] RESPONSE = ascii("response");
    private static final byte[] LOGPROBS = ascii("logprobs");
    private static final byte[] ITEM_ID = ascii("item_id");
    private static final byte[] OUTPUT_INDEX = ascii("output_index");
    private static final byte[] CONTENT_INDEX = ascii("content_index");
    private static final byte[] SEQUENCE_NUMBER = ascii("sequence_number");
    private static final byte[] OBFUSCATION = ascii("obfuscation");

    private final LogprobsReader logprobs;
    private final ResponseReader responses;
    private final JsonScanner.Scratch scratch = new JsonScanner.Scratch();

    private static byte[] ascii(String name) {
      return name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    EventReader(LogprobsOption option) {
      this.logprobs = option.enabled() ? new LogprobsReader(option.topLogprobs()) : null;
      this.responses = new ResponseReader(LogprobsOption.NONE, false);
    }

    @Override
    public Event read(JsonParser p) throws IOException {
      if (p.nextToken() == null || !startObject(p, "the event")) {
        return null;
      }
      Event e = new Event();
      String code = null;
      String message = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "type" -> {
            e.type = text(p, field);
            if (e.type != null && !uses(e.type)) {
              e.partRead = true;
              return e;
            }
          }
          case "delta" -> e.delta = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : skip(p);
          case "logprobs" -> {
            if (logprobs != null && (e.type == null || e.type.equals("response.output_text.delta"))) {
              e.logprobs = logprobs.read(p, field);
            } else {
              p.skipChildren();
            }
          }
          case "response" -> e.response = responses.object(p, field);
          case "item" -> {
            // Of an event known to be about an item, the item is all there is to read.
            e.item = item(p, e.type != null);
            if (e.item != null && e.item.partRead) {
              e.partRead = true;
              return e;
            }
          }
          case "item_id" -> e.itemId = text(p, field);
          case "output_index" -> e.outputIndex = integer(p, field);
          case "summary_index" -> e.summaryIndex = integer(p, field);
          case "content_index" -> e.contentIndex = integer(p, field);
          case "name" -> e.name = text(p, field);
          case "arguments" -> e.arguments = OutputReader.arguments(p);
          case "error" -> {
            if (p.currentToken() != JsonToken.VALUE_NULL && !"error".equals(e.type)) {
              throw new EventMapper.ErrorMember(); // core reads it as every provider's stream error
            }
            e.error = ResponseReader.error(p, field);
          }
          case "code" -> code = text(p, field);
          case "message" -> message = text(p, field);
          default -> p.skipChildren();
        }
      }
      if (e.error == null && (code != null || message != null)) {
        e.error = new WireResponse.WireError(code, message);
      }
      return e;
    }

    /**
     * A text delta, the stream's bulk (2,000 of 2,010 events for 2,000 tokens), and the closing event,
     * the largest (its response repeats the whole answer: {@link ResponseReader#scan}), read with a
     * {@link JsonScanner} (issue 20, as the chat chunks are); every other event, and any with a field
     * this path does not read as the parser path reads it, is left to {@link #read}.
     */
    @Override
    public Event scan(byte[] utf8, int offset, int length) {
      JsonScanner s = new JsonScanner(utf8, offset, length, scratch);
      if (!s.beginObject()) {
        throw JsonScanner.giveUp();
      }
      Event e = new Event();
      while (s.nextField()) {
        if (s.nameIs(TYPE)) {
          e.type = s.string();
          if (!TEXT_DELTA.equals(e.type) && !closes(e.type)) {
            throw JsonScanner.giveUp(); // every other event is the parser path's
          }
        } else if (s.nameIs(RESPONSE)) {
          if (!closes(e.type)) {
            throw JsonScanner.giveUp(); // before the type, or in another event: the parser path's
          }
          e.response = responses.scan(s);
        } else if (s.nameIs(DELTA)) {
          e.delta = s.string();
        } else if (s.nameIs(LOGPROBS)) {
          if (logprobs != null && (e.type == null || TEXT_DELTA.equals(e.type))) {
            e.logprobs = logprobs.scan(s);
          } else {
            s.skipValue();
          }
        } else if (s.nameIs(ITEM_ID)) {
          e.itemId = s.string();
        } else if (s.nameIs(OUTPUT_INDEX)) {
          e.outputIndex = s.integer();
        } else if (s.nameIs(CONTENT_INDEX)) {
          e.contentIndex = s.integer();
        } else if (s.nameIs(SEQUENCE_NUMBER) || s.nameIs(OBFUSCATION)) {
          s.skipValue();
        } else {
          throw JsonScanner.giveUp(); // a field a delta does not document (response, item, error...): the parser path's
        }
      }
      s.finish();
      if (e.type == null) {
        throw JsonScanner.giveUp();
      }
      return e;
    }

    /** The events that close the stream, whose response gives the finish and the usage. */
    private static boolean closes(String type) {
      return "response.completed".equals(type) || "response.incomplete".equals(type) || "response.done".equals(type);
    }

    private static String skip(JsonParser p) throws IOException {
      p.skipChildren(); // a delta that is not text (a future event's object) carries no text
      return null;
    }

    /**
     * The item the parser is on. With {@code mayStop}, an item whose {@code type} shows it is not a
     * function call is left there (a message's {@code .done} repeats the whole text with its
     * logprobs), and the parser with it: the caller reads no further.
     */
    private static Item item(JsonParser p, boolean mayStop) throws IOException {
      if (!startObject(p, "item")) {
        return null;
      }
      Item item = new Item();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "type" -> {
            item.type = text(p, field);
            if (mayStop && !FUNCTION_CALL.equals(item.type)) {
              item.partRead = true;
              return item;
            }
          }
          case "id" -> item.id = text(p, field);
          case "call_id" -> item.callId = text(p, field);
          case "name" -> item.name = text(p, field);
          case "arguments" -> item.arguments = OutputReader.arguments(p);
          default -> p.skipChildren();
        }
      }
      return item;
    }
  }
}
