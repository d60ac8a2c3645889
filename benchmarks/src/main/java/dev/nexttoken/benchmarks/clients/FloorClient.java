package dev.nexttoken.benchmarks.clients;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nexttoken.benchmarks.stub.Canned;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The practical floor for this stack: OkHttp (its defaults but for a pool sized for the callers) and jackson-core's streaming parser,
 * written by hand for exactly these calls. It writes each request body, checks the status,
 * reads the content, each token's logprob and each alternative into small records, and checks them.
 * Fields user code does not need (bytes, ids, usage) are skipped, not read; so is the rest of a
 * Responses event once its {@code type} (written first) says it is not a text delta, but for
 * {@code response.completed}'s {@code output_tokens}: the Responses scenario asks every client for
 * the usage, as an application that bills tokens must (there it is the one place it is told).
 */
public final class FloorClient implements BenchClient {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final String TEXT_DELTA = "response.output_text.delta";
  private static final String COMPLETED = "response.completed";

  /**
   * Tuned as a user running 64 callers would tune it (issue 20): a pool that keeps 128 idle
   * connections, so that no call after warm-up opens one. OkHttp's default keeps 5, fewer than the callers.
   */
  private final OkHttpClient http;
  private final String chatUrl;
  private final String legacyUrl;
  private final String responsesUrl;
  private final String authorization = "Bearer " + Canned.API_KEY;

  /** A chosen or alternative token. */
  public record Candidate(String token, double logprob) {}

  /** One position: the chosen token and its alternatives. */
  public record Position(String token, double logprob, List<Candidate> top) {}

  public FloorClient(String baseUrl) {
    this(baseUrl, new OkHttpClient.Builder().connectionPool(new ConnectionPool(128, 5, TimeUnit.MINUTES)).build());
  }

  /** The same calls on {@code http} (the in-memory benchmark gives it a client that answers without a network). */
  public FloorClient(String baseUrl, OkHttpClient http) {
    this.http = http;
    chatUrl = baseUrl + "/chat/completions";
    legacyUrl = baseUrl + "/completions";
    responsesUrl = baseUrl + "/responses";
  }

  /** A parsed chat answer, or one stream chunk: the text and the positions it carries (null when none). */
  public record Answer(String content, List<Position> positions) {}

  @Override
  public void chat() {
    try (Response response = post(chatUrl, chatBody(false, Canned.TOKENS))) {
      Answer answer = parseChat(response.body().byteStream());
      Check.content(answer.content());
      checkPositions(answer.positions(), 0, Canned.TOKENS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a chat completion body. */
  public static Answer parseChat(InputStream body) throws IOException {
    return parseChat(FACTORY, body);
  }

  /** {@link #parseChat(InputStream)} with another factory: ParseBenchmark measures parser features with it. */
  public static Answer parseChat(JsonFactory factory, InputStream body) throws IOException {
    try (JsonParser p = factory.createParser(body)) {
      String content = null;
      List<Position> positions = null;
      // {"choices":[{"message":{"content":…},"logprobs":{"content":[…]}}], …}
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("choices")) {
          p.nextToken(); // the first choice
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            if (f.equals("message")) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String m = p.currentName();
                p.nextToken();
                if (m.equals("content")) {
                  content = p.getText();
                } else {
                  p.skipChildren();
                }
              }
            } else if (f.equals("logprobs")) {
              positions = readChatLogprobs(p);
            } else {
              p.skipChildren();
            }
          }
          skipRestOfArray(p);
        } else {
          p.skipChildren();
        }
      }
      return new Answer(content, positions);
    }
  }

  @Override
  public void stream() {
    try (Response response = post(chatUrl, chatBody(true, Canned.STREAM_CHUNKS))) {
      BufferedSource source = response.body().source();
      int chunk = 0;
      while (true) {
        long newline = source.indexOf((byte) '\n');
        if (newline < 0) {
          break;
        }
        byte[] line = source.readByteArray(newline);
        source.skip(1);
        if (line.length < 6 || line[0] != 'd') {
          continue; // blank separator, comments, other fields
        }
        if (line.length == 12 && line[6] == '[') {
          break; // data: [DONE]
        }
        Answer parsed = parseChunk(line, 6, line.length - 6);
        if (parsed.positions() != null && !parsed.positions().isEmpty()) {
          Check.delta(chunk, parsed.content());
          checkPositions(parsed.positions(), chunk, 1);
          chunk++;
        }
      }
      Check.equal("chunks with logprobs", Canned.STREAM_CHUNKS, chunk);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the Responses stream line by line: {@code event:} lines and blank separators are skipped,
   * each {@code data:} line is parsed ({@link #parseResponsesEvent}); a text delta's text, logprob
   * and alternatives are checked as it arrives, and the stream ends at {@code response.completed}
   * (one that closes without it, or fails, is an error).
   */
  @Override
  public void responses() {
    try (Response response = post(responsesUrl, responsesBody())) {
      BufferedSource source = response.body().source();
      int deltas = 0;
      int outputTokens = -1;
      while (true) {
        long newline = source.indexOf((byte) '\n');
        if (newline < 0) {
          throw new IOException("the Responses stream ended without response.completed");
        }
        byte[] line = source.readByteArray(newline);
        source.skip(1);
        if (line.length < 6 || line[0] != 'd') {
          continue; // blank separator, event: lines, comments
        }
        ResponsesEvent event = parseResponsesEvent(line, 6, line.length - 6);
        if (event.type().equals(TEXT_DELTA)) {
          Check.delta(deltas, event.delta());
          checkPositions(event.positions(), deltas, 1);
          deltas++;
        } else if (event.type().equals(COMPLETED)) {
          outputTokens = event.outputTokens();
          break;
        } else if (event.type().equals("response.failed") || event.type().equals("error")) {
          throw new IOException("the Responses stream failed: " + event.type());
        }
      }
      Check.equal("text deltas", Canned.STREAM_CHUNKS, deltas);
      Check.equal("output tokens in the usage", Canned.STREAM_CHUNKS, outputTokens);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean hasResponses() {
    return true;
  }

  /**
   * One Responses stream event: its type; for a text delta its text and logprobs (else null); for
   * {@code response.completed} the usage's {@code output_tokens} (else -1).
   */
  public record ResponsesEvent(String type, String delta, List<Position> positions, int outputTokens) {}

  /**
   * Reads one Responses event's JSON ({@code data} without the {@code "data: "} prefix). OpenAI
   * writes {@code type} first: an event that is not a text delta is left there, unparsed, which
   * spares the four closing events that repeat every logprob of the stream.
   */
  public static ResponsesEvent parseResponsesEvent(byte[] data, int offset, int length) throws IOException {
    try (JsonParser p = FACTORY.createParser(data, offset, length)) {
      String type = null;
      String delta = null;
      List<Position> positions = null;
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "type" -> {
            type = p.getText();
            if (type.equals(COMPLETED)) {
              return new ResponsesEvent(type, null, null, outputTokens(p));
            }
            if (!type.equals(TEXT_DELTA)) {
              return new ResponsesEvent(type, null, null, -1);
            }
          }
          case "delta" -> {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
              delta = p.getText();
            } else {
              p.skipChildren();
            }
          }
          case "logprobs" -> positions = readPositions(p);
          default -> p.skipChildren();
        }
      }
      if (type == null) {
        throw new IOException("a Responses event without a type");
      }
      return new ResponsesEvent(type, delta, positions, -1);
    }
  }

  /**
   * The {@code output_tokens} of {@code response.completed}'s usage, the parser just past its type:
   * the least a client that bills tokens reads of it. Everything else (the whole answer again, in
   * {@code output}, ahead of {@code usage}) is skipped, which still tokenizes it: JSON has no other
   * way past a value.
   */
  private static int outputTokens(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (!field.equals("response")) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String member = p.currentName();
        p.nextToken();
        if (!member.equals("usage") || p.currentToken() != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String count = p.currentName();
          p.nextToken();
          if (count.equals("output_tokens")) {
            return p.getIntValue();
          }
          p.skipChildren();
        }
      }
    }
    return -1;
  }

  @Override
  public void legacy() {
    try (Response response = post(legacyUrl, legacyBody());
        JsonParser p = FACTORY.createParser(response.body().byteStream())) {
      String text = null;
      List<String> tokens = new ArrayList<>(Canned.TOKENS);
      List<Double> logprobs = new ArrayList<>(Canned.TOKENS);
      List<List<Candidate>> tops = new ArrayList<>(Canned.TOKENS);
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("choices")) {
          p.nextToken();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            if (f.equals("text")) {
              text = p.getText();
            } else if (f.equals("logprobs")) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String l = p.currentName();
                p.nextToken();
                switch (l) {
                  case "tokens" -> {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                      tokens.add(p.getText());
                    }
                  }
                  case "token_logprobs" -> {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                      logprobs.add(p.getDoubleValue());
                    }
                  }
                  case "top_logprobs" -> {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                      List<Candidate> top = new ArrayList<>(Canned.TOP);
                      while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String token = p.currentName();
                        p.nextToken();
                        top.add(new Candidate(token, p.getDoubleValue()));
                      }
                      tops.add(top);
                    }
                  }
                  default -> p.skipChildren();
                }
              }
            } else {
              p.skipChildren();
            }
          }
          skipRestOfArray(p);
        } else {
          p.skipChildren();
        }
      }
      Check.content(text);
      Check.equal("tokens", Canned.TOKENS, tokens.size());
      Check.equal("token logprobs", Canned.TOKENS, logprobs.size());
      Check.equal("top logprob maps", Canned.TOKENS, tops.size());
      for (int i = 0; i < Canned.TOKENS; i++) {
        Check.token(i, tokens.get(i), logprobs.get(i));
        List<Candidate> top = tops.get(i);
        Check.topCount(i, top.size());
        for (int r = 0; r < top.size(); r++) {
          Check.top(i, r, top.get(r).token(), top.get(r).logprob());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one stream event's JSON ({@code data} without the {@code "data: "} prefix). */
  public static Answer parseChunk(byte[] data, int offset, int length) throws IOException {
    try (JsonParser p = FACTORY.createParser(data, offset, length)) {
      String delta = null;
      List<Position> positions = null;
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("choices") && p.nextToken() == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            if (f.equals("delta")) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String d = p.currentName();
                p.nextToken();
                if (d.equals("content")) {
                  delta = p.getText();
                } else {
                  p.skipChildren();
                }
              }
            } else if (f.equals("logprobs")) {
              positions = readChatLogprobs(p);
            } else {
              p.skipChildren();
            }
          }
          skipRestOfArray(p);
        } else {
          p.skipChildren();
        }
      }
      return new Answer(delta, positions);
    }
  }

  /** Reads {@code {"content":[{token, logprob, bytes, top_logprobs}, …], "refusal":…}} or null. */
  private static List<Position> readChatLogprobs(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return null;
    }
    List<Position> positions = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("content")) {
        positions = readPositions(p);
      } else {
        p.skipChildren();
      }
    }
    return positions;
  }

  /**
   * Reads {@code [{token, logprob, bytes?, top_logprobs: [{token, logprob, bytes?}, …]}, …]} (chat's
   * {@code logprobs.content}, a Responses delta's {@code logprobs}) or null; bytes are skipped.
   */
  private static List<Position> readPositions(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    List<Position> positions = new ArrayList<>(Canned.TOKENS);
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String token = null;
      double logprob = 0;
      List<Candidate> top = new ArrayList<>(Canned.TOP);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "token" -> token = p.getText();
          case "logprob" -> logprob = p.getDoubleValue();
          case "top_logprobs" -> {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              String t = null;
              double lp = 0;
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String g = p.currentName();
                p.nextToken();
                switch (g) {
                  case "token" -> t = p.getText();
                  case "logprob" -> lp = p.getDoubleValue();
                  default -> p.skipChildren();
                }
              }
              top.add(new Candidate(t, lp));
            }
          }
          default -> p.skipChildren();
        }
      }
      positions.add(new Position(token, logprob, top));
    }
    return positions;
  }

  private static void checkPositions(List<Position> positions, int first, int count) {
    if (positions == null) {
      throw new Check.MismatchException("no logprobs");
    }
    Check.equal("positions", count, positions.size());
    for (int k = 0; k < positions.size(); k++) {
      int i = (first + k) % Canned.TOKENS;
      Position position = positions.get(k);
      Check.token(i, position.token(), position.logprob());
      Check.topCount(i, position.top().size());
      for (int r = 0; r < position.top().size(); r++) {
        Candidate c = position.top().get(r);
        Check.top(i, r, c.token(), c.logprob());
      }
    }
  }

  private static void skipRestOfArray(JsonParser p) throws IOException {
    while (p.nextToken() != JsonToken.END_ARRAY) {
      p.skipChildren();
    }
  }

  private Response post(String url, byte[] body) throws IOException {
    Request request = new Request.Builder()
        .url(url)
        .header("Authorization", authorization)
        .post(RequestBody.create(body, JSON))
        .build();
    Response response = http.newCall(request).execute();
    if (response.code() != 200) {
      response.close();
      throw new IOException("HTTP " + response.code());
    }
    return response;
  }

  private static byte[] chatBody(boolean stream, int maxTokens) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model", Canned.CHAT_MODEL);
      g.writeArrayFieldStart("messages");
      g.writeStartObject();
      g.writeStringField("role", "user");
      g.writeStringField("content", Canned.PROMPT);
      g.writeEndObject();
      g.writeEndArray();
      g.writeBooleanField("logprobs", true);
      g.writeNumberField("top_logprobs", Canned.TOP);
      g.writeNumberField("max_completion_tokens", maxTokens);
      if (stream) {
        g.writeBooleanField("stream", true);
        g.writeObjectFieldStart("stream_options");
        g.writeBooleanField("include_usage", true);
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static byte[] responsesBody() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model", Canned.CHAT_MODEL);
      g.writeStringField("input", Canned.PROMPT);
      g.writeArrayFieldStart("include");
      g.writeString("message.output_text.logprobs"); // without it top_logprobs gives logprobs: [] (wire-formats-2 §1.6)
      g.writeEndArray();
      g.writeNumberField("top_logprobs", Canned.TOP);
      g.writeNumberField("max_output_tokens", Canned.STREAM_CHUNKS);
      g.writeBooleanField("stream", true);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static byte[] legacyBody() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model", Canned.LEGACY_MODEL);
      g.writeStringField("prompt", Canned.PROMPT);
      g.writeNumberField("max_tokens", Canned.TOKENS);
      g.writeNumberField("logprobs", Canned.TOP);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
