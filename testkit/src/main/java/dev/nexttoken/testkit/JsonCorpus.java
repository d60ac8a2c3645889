package dev.nexttoken.testkit;

/**
 * The corpus of {@link KnownAnswerModel#jsonModel()}: JSON answers about cities and tool calls, with the prompts,
 * schema and tools that go with them.
 *
 * <p>Answers are written in pieces a model would plausibly use for JSON: structure and keys run together
 * (<code>&#123;"city":"</code>, {@code ","country":"}), each value is a piece of its own ({@code Oslo}, {@code 709000},
 * {@code true}), and there is no whitespace at all. So an answer constrained by a schema's grammar goes through
 * tokens with real, known probabilities: the greedy walk is valid JSON, the grammar never has to step in, and no
 * grammar-allowed whitespace is more likely than the next piece (a model indifferent to whitespace fills the answer
 * with spaces until the token limit). What the server reports for such an answer is the model's probability
 * <em>before</em> the grammar (its default): here that is simply {@link KnownAnswerModel#logprob}.
 *
 * <p>The corpus weights the answers so that each value has a clear probability: after <code>&#123;"city":"</code>, Oslo 3,
 * Bergen 2, Paris 1 (so the greedy city is Oslo, and Bergen when Oslo is banned); the country is Norway 5 to 1; the
 * population follows the same 3-2-1; {@code capital} is true 4 to 2. A value's probability depends only on the
 * piece before it (a bigram model), not on the city asked about.
 *
 * <p>Tool calls are in the {@code <tool_call>{"name":…,"arguments":{…}}</tool_call>} form that {@link #TEMPLATE}
 * renders, which llama-server's chat template analysis (build 11669) recognises as JSON calls between per-call
 * markers: with {@code tools} in a chat request, the answer to {@link #WEATHER_PROMPT} comes back as one OpenAI
 * tool call, the answer to {@link #TWO_CALLS_PROMPT} as two.
 */
public final class JsonCorpus {
  /** Its greedy answer is {@code {"city":"Oslo","country":"Norway","population":709000,"capital":true}}. */
  public static final String CITY_PROMPT = "Describe Oslo as JSON";

  /** The schema every city answer follows; properties in the order the answers write them, all required. */
  public static final String CITY_SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
      + "\"country\":{\"type\":\"string\"},\"population\":{\"type\":\"integer\"},\"capital\":{\"type\":\"boolean\"}},"
      + "\"required\":[\"city\",\"country\",\"population\",\"capital\"],\"additionalProperties\":false}";

  /** Its greedy answer is one call: {@code get_weather} with {@code {"city":"Tokyo"}}. */
  public static final String WEATHER_PROMPT = "What is the weather in Tokyo today";

  /** Its greedy answer is two calls: {@code get_time} {@code {"city":"Lima"}}, then {@code get_weather} {@code {"city":"Tokyo"}}. */
  public static final String TWO_CALLS_PROMPT = "What is the time in Lima and the weather in Tokyo now";

  /**
   * What a weather tool returns in the tool loop; sent back as the tool's result, it is the end of the next chat
   * prompt, and the model's greedy answer to it is {@link #ANSWER_AFTER_RESULT}.
   */
  public static final String WEATHER_RESULT = "{\"forecast\":\"sunny\"}";

  /** The answer that follows {@link #WEATHER_RESULT} (pieces {@code ▁Sunny ▁skies ▁all ▁day}, then end of text). */
  public static final String ANSWER_AFTER_RESULT = " Sunny skies all day";

  public static final String GET_WEATHER = "get_weather";
  public static final String GET_TIME = "get_time";

  /** The parameters schema of both tools: one required string, {@code city}. */
  public static final String CITY_PARAMETERS =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";

  /**
   * The chat template: message contents concatenated (so a chat prompt is the completion prompt), and an assistant
   * message's tool calls rendered as the answers write them. Tools themselves are not rendered: the bigram model
   * would not read them, and they would only fill the context.
   */
  public static final String TEMPLATE = """
      {%- for message in messages -%}
      {%- if message['role'] == 'assistant' and message['tool_calls'] -%}
      {%- for call in message['tool_calls'] -%}
      <tool_call>{{ {'name': call['function']['name'], 'arguments': call['function']['arguments']} | tojson }}</tool_call>
      {%- endfor -%}
      {%- else -%}
      {{ message['content'] }}
      {%- endif -%}
      {%- endfor -%}""";

  private static final String CALL_END = "\"}}</tool_call>";

  private JsonCorpus() {}

  static KnownAnswerModel build() {
    KnownAnswerModel.Builder b = KnownAnswerModel.builder().chatTemplate(TEMPLATE);
    city(b, 3, "Oslo", "Norway", "709000", "true");
    city(b, 2, "Bergen", "Norway", "291000", "false");
    city(b, 1, "Paris", "France", "2103000", "true");
    // The first piece of each call holds the tool's name, which the grammar fixes anyway: the two answers then
    // differ from their first token, which is the only one a bigram model can choose by the prompt.
    b.document(WEATHER_PROMPT, call(GET_WEATHER), "Tokyo", CALL_END);
    b.document(TWO_CALLS_PROMPT, call(GET_TIME), "Lima", "\"}}</tool_call>" + call(GET_WEATHER), "Tokyo", CALL_END);
    // The tool loop's last turn: a bigram model continues from the last piece of the prompt, which is the end of
    // the tool's result, so the answer follows that piece. Its words appear in no prompt, so no other walk changes.
    b.document("Forecast", "{\"forecast\":\"", "sunny", "\"}", " Sunny", " skies", " all", " day");
    return b.build();
  }

  private static void city(KnownAnswerModel.Builder b, int times, String city, String country, String population,
      String capital) {
    for (int i = 0; i < times; i++) {
      b.document("Describe " + city + " as JSON", "{\"city\":\"", city, "\",\"country\":\"", country,
          "\",\"population\":", population, ",\"capital\":", capital, "}");
    }
  }

  private static String call(String name) {
    return "<tool_call>{\"name\":\"" + name + "\",\"arguments\":{\"city\":\"";
  }
}
