package dev.nexttoken.examples;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.error.SchemaViolationException;
import dev.nexttoken.logprob.FieldConfidence;
import dev.nexttoken.logprob.TokenLogprob;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Extract a JSON record that follows a schema, and print how sure the model was of each field it
 * filled in: the probability of the value's own tokens, never of the braces, quotes and keys around it.
 *
 * <pre>examples/run ExtractRecord</pre>
 */
public final class ExtractRecord {
  /** The request; on the bundled JSON model its answer is known (see JsonCorpus). */
  static final String PROMPT = "Describe Oslo as JSON";
  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
      + "\"country\":{\"type\":\"string\"},\"population\":{\"type\":\"integer\"},\"capital\":{\"type\":\"boolean\"}},"
      + "\"required\":[\"city\",\"country\",\"population\",\"capital\"],\"additionalProperties\":false}";

  private ExtractRecord() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out);
  }

  static void run(Environment env, PrintStream out) {
    try (ExampleModel opened = ExampleModel.openJsonModel(env)) {
      LanguageModel model = opened.model();
      ResponseFormat city = ResponseFormat.jsonSchema("city", SCHEMA);
      Completion answer = model.chat(ChatRequest.builder()
          .user(PROMPT)
          .responseFormat(city)
          .maxTokens(40)
          .temperature(0.0)
          .topLogprobs(1) // the value tokens' own logprobs, and the runner-up at each
          .build());
      out.println("answer: " + answer.text());
      try {
        out.println("record: " + answer.validatedJson(city)); // parsed, and checked against the schema
      } catch (SchemaViolationException e) {
        out.println("the answer breaks the schema: " + e.violations());
        return;
      }
      for (FieldConfidence field : answer.fieldConfidences()) {
        TokenLogprob least = field.leastLikely();
        out.printf(Locale.ROOT, "%-12s %-10s p=%s  least likely token: %s%n", field.path(), field.value(),
            field.probability() == null ? "unknown" : String.format(Locale.ROOT, "%.4f", field.probability()),
            least == null ? "-" : Quickstart.quoted(least.token()));
      }
    }
  }
}
