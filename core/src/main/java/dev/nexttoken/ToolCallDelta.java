package dev.nexttoken;

/**
 * A piece of a tool call in a stream. The first delta of a call usually carries its id and name;
 * later ones add argument fragments, which are not valid JSON on their own. Collecting a stream joins
 * the fragments of each {@code index}, so that the collected answer's calls equal the blocking
 * answer's, arguments byte for byte.
 *
 * @param index which call of the answer this delta belongs to (0, 1, … in the order calls start)
 * @param id the call id, on the first delta (a server that repeats it on every delta is fine), or null
 * @param name the tool name, on the first delta, or null
 * @param argumentsDelta the next fragment of the arguments' JSON text, empty when none
 * @param providerData provider facts for {@link ToolCall#providerData()}; later deltas add to earlier ones
 */
public record ToolCallDelta(int index, String id, String name, String argumentsDelta, java.util.Map<String, String> providerData) {
  public ToolCallDelta {
    if (index < 0) {
      throw new IllegalArgumentException("tool call index must be >= 0, was " + index);
    }
    argumentsDelta = argumentsDelta == null ? "" : argumentsDelta;
    providerData = providerData == null ? java.util.Map.of() : java.util.Map.copyOf(providerData);
  }

  public ToolCallDelta(int index, String id, String name, String argumentsDelta) {
    this(index, id, name, argumentsDelta, java.util.Map.of());
  }

  /** A whole call in one delta (providers that send whole calls per event: Gemini, Ollama). */
  public static ToolCallDelta whole(int index, ToolCall call) {
    return new ToolCallDelta(index, call.id(), call.name(), call.arguments(), call.providerData());
  }
}
