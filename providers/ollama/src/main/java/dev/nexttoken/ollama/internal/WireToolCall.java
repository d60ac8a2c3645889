package dev.nexttoken.ollama.internal;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * A tool call as Ollama writes it in an answer and reads it in an assistant turn:
 * {@code {"id": "call_…", "function": {"index": 0, "name": "…", "arguments": {…}}}}.
 * {@code arguments} is a JSON <em>object</em> on the wire; here it is its JSON text, read compactly
 * ({@link CompactJson}) and written back as it is.
 *
 * @param id the call's id (Ollama 0.12.10 and later), or null
 * @param type {@code "function"} when written; Ollama's answers leave it out
 */
public record WireToolCall(String id, String type, Function function) {

  /**
   * @param index the call's position among the answer's calls (Ollama 0.12.6 and later), or null
   * @param arguments the arguments' JSON text: compact when read, written raw
   */
  public record Function(Integer index, String name, @JsonRawValue @JsonDeserialize(using = CompactJson.class) String arguments) {}
}
