package dev.nexttoken.benchmarks.stub;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The canned OpenAI answers every client is benchmarked against, and the values a client must read
 * back from them: 64 generated tokens with 5 top logprobs each, served as a chat completion, as a
 * 2,000-chunk chat stream (one token per chunk, cycling through the 64), as a legacy completion
 * with {@code logprobs=5} and as a Responses API stream of 2,000 deltas (the same tokens). The JSON
 * follows wire-formats.md §1 (chat, legacy) and wire-formats-2.md §1 (Responses) field for field.
 *
 * <p>Numbers are written with {@link Double#toString}, so every correct parser reads back exactly the
 * same doubles and the checks can compare with {@code ==}.
 */
public final class Canned {
  /** Tokens per chat or legacy answer. */
  public static final int TOKENS = 64;
  /** Alternatives per position. */
  public static final int TOP = 5;
  /** Content chunks per chat stream, and text deltas per Responses stream, each carrying one token's logprobs. */
  public static final int STREAM_CHUNKS = 2000;

  public static final String CHAT_MODEL = "gpt-4o-mini";
  public static final String LEGACY_MODEL = "gpt-3.5-turbo-instruct";
  public static final String PROMPT = "Weights and Biases is";
  public static final String API_KEY = "sk-bench-not-a-real-key";

  /** The position and rank whose logprob the corrupt variants change. */
  public static final int CORRUPT_POSITION = 37;
  public static final int CORRUPT_RANK = 3;
  /** The chat stream chunk, and the Responses delta, whose top logprob the corrupt streams change. */
  public static final int CORRUPT_CHUNK = 1234;

  private static final String[] WORDS = {
    " the", " machine", " learning", " platform", " for", " developers", " to", " build", " better", " models",
    " faster", ".", " It", " helps", " teams", " track", " café", " experiments", ",", " version", " data",
    "\n", " and", " collaborate", " on", " results", " with", " \"quotes\"", " dashboards", " —", " reports",
    " 日本", " tables",
  };

  private static final String[] TOKEN = new String[TOKENS];
  private static final double[] LOGPROB = new double[TOKENS];
  private static final String[][] TOP_TOKEN = new String[TOKENS][TOP];
  private static final double[][] TOP_LOGPROB = new double[TOKENS][TOP];
  private static final String CONTENT;

  static {
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < TOKENS; i++) {
      TOKEN[i] = WORDS[(i * 7) % WORDS.length];
      LOGPROB[i] = -round(0.0123 + 0.0371 * (i % 17));
      content.append(TOKEN[i]);
      TOP_TOKEN[i][0] = TOKEN[i];
      TOP_LOGPROB[i][0] = LOGPROB[i];
      for (int r = 1; r < TOP; r++) {
        // Distinct from the chosen token and from each other (legacy top_logprobs is a map).
        TOP_TOKEN[i][r] = WORDS[(i * 7 + r * 5) % WORDS.length] + "#" + r;
        TOP_LOGPROB[i][r] = -round(1.5 + 0.85 * r + 0.013 * i);
      }
    }
    CONTENT = content.toString();
  }

  private Canned() {}

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  public static String token(int position) {
    return TOKEN[position];
  }

  public static double logprob(int position) {
    return LOGPROB[position];
  }

  public static String topToken(int position, int rank) {
    return TOP_TOKEN[position][rank];
  }

  public static double topLogprob(int position, int rank) {
    return TOP_LOGPROB[position][rank];
  }

  /** The text of a chat or legacy answer: the 64 tokens joined. */
  public static String content() {
    return CONTENT;
  }

  /** The value the corrupt variants carry instead of the real one. */
  public static double corrupted(double value) {
    return round(value - 0.25);
  }

  // ---- wire bodies ----

  /** The chat completion body (§1.3), optionally with one top logprob changed. */
  public static byte[] chatJson(boolean corrupt) {
    StringBuilder b = new StringBuilder(40_000);
    b.append("{\"id\":\"chatcmpl-bench1\",\"object\":\"chat.completion\",\"created\":1735000000,")
        .append("\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_bench\",\"service_tier\":\"default\",")
        .append("\"choices\":[{\"index\":0,\"finish_reason\":\"length\",\"message\":{\"role\":\"assistant\",\"content\":");
    string(b, CONTENT);
    b.append(",\"refusal\":null,\"annotations\":[]},\"logprobs\":{\"content\":[");
    for (int i = 0; i < TOKENS; i++) {
      if (i > 0) {
        b.append(',');
      }
      tokenLogprob(b, i, corrupt && i == CORRUPT_POSITION, true);
    }
    b.append("],\"refusal\":null}}],")
        .append("\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":64,\"total_tokens\":76,")
        .append("\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},")
        .append("\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,")
        .append("\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}");
    return b.toString().getBytes(UTF_8);
  }

  /** The chat stream body (§1.3): role chunk, 2,000 content chunks, finish chunk, usage chunk, [DONE]. */
  public static byte[] chatStreamSse(boolean corrupt) {
    String head = "data: {\"id\":\"chatcmpl-bench2\",\"object\":\"chat.completion.chunk\",\"created\":1735000000,"
        + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_bench\",\"choices\":";
    StringBuilder b = new StringBuilder(STREAM_CHUNKS * 900);
    b.append(head).append("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},")
        .append("\"logprobs\":{\"content\":[],\"refusal\":null},\"finish_reason\":null}],\"usage\":null}\n\n");
    for (int c = 0; c < STREAM_CHUNKS; c++) {
      int i = c % TOKENS;
      b.append(head).append("[{\"index\":0,\"delta\":{\"content\":");
      string(b, TOKEN[i]);
      b.append("},\"logprobs\":{\"content\":[");
      tokenLogprob(b, i, corrupt && c == CORRUPT_CHUNK, true);
      b.append("],\"refusal\":null},\"finish_reason\":null}],\"usage\":null}\n\n");
    }
    b.append(head).append("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"length\"}],\"usage\":null}\n\n");
    b.append(head).append("[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":").append(STREAM_CHUNKS)
        .append(",\"total_tokens\":").append(STREAM_CHUNKS + 12).append("}}\n\n");
    b.append("data: [DONE]\n\n");
    return b.toString().getBytes(UTF_8);
  }

  /**
   * The Responses API stream (wire-formats-2 §1.4), {@code event: <type>} and {@code data:} lines per
   * event: {@code response.created}, {@code .in_progress}, {@code .output_item.added} (a message with
   * no content yet), {@code .content_part.added} (an empty {@code output_text}), 2,000
   * {@code response.output_text.delta} events (one token each, with its logprob and 5 alternatives,
   * no bytes, as a delta carries them), then {@code .output_text.done} (the text and every delta's
   * logprobs again, in the streamed shape), {@code .content_part.done}, {@code .output_item.done}
   * and {@code response.completed} (the whole part, its logprobs with bytes as in a blocking answer,
   * §1.3; the last with usage). No {@code data: [DONE]}: the spec's stream ends at the terminal event.
   * {@code sequence_number} counts from 0. The corrupt variant changes one top logprob of delta
   * {@link #CORRUPT_CHUNK} only, so a client that read the logprobs from the repeats would miss it.
   *
   * <p>The four closing events repeat all 2,000 positions, so they are most of the bytes; a client
   * pays for them however it treats them, and the scenario charges that to its 2,000 deltas.
   */
  public static byte[] responsesSse(boolean corrupt) {
    StringBuilder text = new StringBuilder(STREAM_CHUNKS * 8);
    for (int c = 0; c < STREAM_CHUNKS; c++) {
      text.append(TOKEN[c % TOKENS]);
    }
    StringBuilder b = new StringBuilder(STREAM_CHUNKS * 2400);
    int seq = 0;
    event(b, "response.created", seq++).append(",\"response\":");
    response(b, "in_progress", null);
    b.append("}\n\n");
    event(b, "response.in_progress", seq++).append(",\"response\":");
    response(b, "in_progress", null);
    b.append("}\n\n");
    event(b, "response.output_item.added", seq++).append(",\"output_index\":0,\"item\":")
        .append("{\"id\":\"msg_bench4\",\"type\":\"message\",\"status\":\"in_progress\",\"content\":[],\"role\":\"assistant\"}}\n\n");
    event(b, "response.content_part.added", seq++).append(",\"item_id\":\"msg_bench4\",\"output_index\":0,\"content_index\":0,")
        .append("\"part\":{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"\"}}\n\n");
    for (int c = 0; c < STREAM_CHUNKS; c++) {
      // §1.4's field order: {type, item_id, output_index, content_index, delta, sequence_number, logprobs}.
      b.append("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",")
          .append("\"item_id\":\"msg_bench4\",\"output_index\":0,\"content_index\":0,\"delta\":");
      string(b, TOKEN[c % TOKENS]);
      b.append(",\"sequence_number\":").append(seq++).append(",\"logprobs\":[");
      tokenLogprob(b, c % TOKENS, corrupt && c == CORRUPT_CHUNK, false);
      b.append("]}\n\n");
    }
    b.append("event: response.output_text.done\ndata: {\"type\":\"response.output_text.done\",")
        .append("\"item_id\":\"msg_bench4\",\"output_index\":0,\"content_index\":0,\"text\":");
    string(b, text.toString());
    b.append(",\"sequence_number\":").append(seq++).append(",\"logprobs\":");
    streamLogprobs(b, false);
    b.append("}\n\n");
    event(b, "response.content_part.done", seq++).append(",\"item_id\":\"msg_bench4\",\"output_index\":0,\"content_index\":0,\"part\":");
    outputText(b, text);
    b.append("}\n\n");
    event(b, "response.output_item.done", seq++).append(",\"output_index\":0,\"item\":");
    message(b, text);
    b.append("}\n\n");
    event(b, "response.completed", seq++).append(",\"response\":");
    response(b, "completed", text);
    b.append("}\n\n");
    return b.toString().getBytes(UTF_8);
  }

  /** {@code event: type} and the start of its data, {@code {"type":…,"sequence_number":…}, left open. */
  private static StringBuilder event(StringBuilder b, String type, int sequence) {
    return b.append("event: ").append(type).append("\ndata: {\"type\":\"").append(type)
        .append("\",\"sequence_number\":").append(sequence);
  }

  /** A Responses {@code Response} (§1.3) with the echoed settings; its output is the message when {@code text} is given. */
  private static void response(StringBuilder b, String status, CharSequence text) {
    boolean done = text != null;
    b.append("{\"id\":\"resp_bench4\",\"object\":\"response\",\"created_at\":1735000000,\"status\":\"").append(status)
        .append("\",\"background\":false,\"completed_at\":").append(done ? "1735000002" : "null")
        .append(",\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"max_output_tokens\":").append(STREAM_CHUNKS)
        .append(",\"model\":\"gpt-4o-mini-2024-07-18\",\"output\":[");
    if (done) {
      message(b, text);
    }
    b.append("],\"parallel_tool_calls\":true,\"previous_response_id\":null,\"reasoning\":{\"effort\":null,\"summary\":null},")
        .append("\"service_tier\":\"default\",\"store\":true,\"temperature\":1.0,\"text\":{\"format\":{\"type\":\"text\"},\"verbosity\":\"medium\"},")
        .append("\"tool_choice\":\"auto\",\"tools\":[],\"top_logprobs\":").append(TOP)
        .append(",\"top_p\":1.0,\"truncation\":\"disabled\",\"usage\":");
    if (done) {
      b.append("{\"input_tokens\":12,\"input_tokens_details\":{\"cached_tokens\":0,\"cache_write_tokens\":0},\"output_tokens\":")
          .append(STREAM_CHUNKS).append(",\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":")
          .append(STREAM_CHUNKS + 12).append('}');
    } else {
      b.append("null");
    }
    b.append(",\"user\":null,\"metadata\":{}}");
  }

  /** The finished {@code message} item with its one {@code output_text} part. */
  private static void message(StringBuilder b, CharSequence text) {
    b.append("{\"id\":\"msg_bench4\",\"type\":\"message\",\"status\":\"completed\",\"content\":[");
    outputText(b, text);
    b.append("],\"role\":\"assistant\"}");
  }

  /** The finished {@code output_text} part: its logprobs are the blocking answer's {@code LogProb}s, bytes included. */
  private static void outputText(StringBuilder b, CharSequence text) {
    b.append("{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":");
    streamLogprobs(b, true);
    b.append(",\"text\":");
    string(b, text.toString());
    b.append('}');
  }

  /** Every delta's logprobs as one array, with or without bytes; never corrupted. */
  private static void streamLogprobs(StringBuilder b, boolean withBytes) {
    b.append('[');
    for (int c = 0; c < STREAM_CHUNKS; c++) {
      if (c > 0) {
        b.append(',');
      }
      tokenLogprob(b, c % TOKENS, false, withBytes);
    }
    b.append(']');
  }

  /** The legacy completion body (§1.2) for {@code logprobs=5}, optionally with one top logprob changed. */
  public static byte[] legacyJson(boolean corrupt) {
    StringBuilder b = new StringBuilder(20_000);
    b.append("{\"id\":\"cmpl-bench3\",\"object\":\"text_completion\",\"created\":1735000000,")
        .append("\"model\":\"gpt-3.5-turbo-instruct\",\"system_fingerprint\":\"fp_bench\",")
        .append("\"choices\":[{\"index\":0,\"text\":");
    string(b, CONTENT);
    b.append(",\"finish_reason\":\"length\",\"logprobs\":{\"tokens\":[");
    for (int i = 0; i < TOKENS; i++) {
      b.append(i > 0 ? "," : "");
      string(b, TOKEN[i]);
    }
    b.append("],\"token_logprobs\":[");
    for (int i = 0; i < TOKENS; i++) {
      b.append(i > 0 ? "," : "").append(LOGPROB[i]);
    }
    b.append("],\"top_logprobs\":[");
    for (int i = 0; i < TOKENS; i++) {
      b.append(i > 0 ? ",{" : "{");
      for (int r = 0; r < TOP; r++) {
        b.append(r > 0 ? "," : "");
        string(b, TOP_TOKEN[i][r]);
        double lp = corrupt && i == CORRUPT_POSITION && r == CORRUPT_RANK ? corrupted(TOP_LOGPROB[i][r]) : TOP_LOGPROB[i][r];
        b.append(':').append(lp);
      }
      b.append('}');
    }
    b.append("],\"text_offset\":[");
    int offset = PROMPT.length();
    for (int i = 0; i < TOKENS; i++) {
      b.append(i > 0 ? "," : "").append(offset);
      offset += TOKEN[i].length();
    }
    b.append("]}}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":64,\"total_tokens\":69}}");
    return b.toString().getBytes(UTF_8);
  }

  /**
   * One position's logprobs: {@code {token, logprob, bytes, top_logprobs: [{token, logprob, bytes}, …]}}
   * (chat's, and the Responses API's {@code LogProb}), or without the bytes (a Responses delta's
   * {@code ResponseLogProb}, wire-formats-2 §1.4).
   */
  private static void tokenLogprob(StringBuilder b, int i, boolean corrupt, boolean withBytes) {
    b.append("{\"token\":");
    string(b, TOKEN[i]);
    b.append(",\"logprob\":").append(LOGPROB[i]);
    if (withBytes) {
      b.append(",\"bytes\":");
      bytes(b, TOKEN[i]);
    }
    b.append(",\"top_logprobs\":[");
    for (int r = 0; r < TOP; r++) {
      b.append(r > 0 ? ",{\"token\":" : "{\"token\":");
      string(b, TOP_TOKEN[i][r]);
      double lp = corrupt && r == CORRUPT_RANK ? corrupted(TOP_LOGPROB[i][r]) : TOP_LOGPROB[i][r];
      b.append(",\"logprob\":").append(lp);
      if (withBytes) {
        b.append(",\"bytes\":");
        bytes(b, TOP_TOKEN[i][r]);
      }
      b.append('}');
    }
    b.append("]}");
  }

  private static void bytes(StringBuilder b, String token) {
    b.append('[');
    byte[] bytes = token.getBytes(UTF_8);
    for (int k = 0; k < bytes.length; k++) {
      b.append(k > 0 ? "," : "").append(bytes[k] & 0xff);
    }
    b.append(']');
  }

  /** A JSON string as OpenAI writes it: quotes, backslashes and control characters escaped, the rest UTF-8. */
  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
