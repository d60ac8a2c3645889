package dev.nexttoken.examples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.eval.Dataset;
import dev.nexttoken.eval.EvalInputException;
import dev.nexttoken.eval.Evaluation;
import dev.nexttoken.eval.Target;
import dev.nexttoken.llamacpp.LlamaCppModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in {@code local[2]} against the testkit's llama-server: every (id, target) once, the
 * same answers as {@code nexttoken eval}'s runner gives, in the same columns as its rows.
 */
@ExtendWith(LlamaServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkEvaluationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String url;
  private SparkSession spark;
  @TempDir Path dir;

  SparkEvaluationTest(LlamaServer server) {
    this.url = server.baseUrl();
  }

  @BeforeAll
  void start() {
    spark = SparkSession.builder().master("local[2]").appName("nexttoken eval test").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  void stop() {
    spark.stop();
  }

  private Path dataset(int n) throws IOException {
    String[] prompts = {"Weights and Biases is", "A language model", "Greedy decoding", "The lecture"};
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String p = prompts[i % prompts.length];
      lines.add(switch (i % 3) {
        case 0 -> "{\"id\": \"g" + i + "\", \"prompt\": \"" + p + "\", \"maxTokens\": 3, \"temperature\": 0, \"topLogprobs\": 2}";
        case 1 -> "{\"id\": \"c" + i + "\", \"prompt\": \"" + p + "\", \"labels\": [\" the\", \" model\"], \"gold\": \" the\"}";
        default -> "{\"prompt\": \"" + p + "\", \"text\": \" the machine learning platform\"}"; // no id: its line number
      });
    }
    return Files.write(dir.resolve("items.jsonl"), lines);
  }

  @Test
  void everyPairOnceWithTheRunnersAnswersInItsColumns() throws IOException {
    Path data = dataset(30);
    String a = "llamacpp@" + url;
    String b = "llamacpp:other@" + url; // a second target name on the same server
    long rows = SparkEvaluation.run(spark, data.toString(), dir.resolve("out.parquet").toString(), List.of(a, b), 2, 0, 0, 3);
    assertEquals(60, rows);

    List<Row> written = spark.read().parquet(dir.resolve("out.parquet").toString()).collectAsList();
    assertEquals(60, written.size());
    assertEquals(60, written.stream().map(r -> r.getAs("id") + " " + r.getAs("target")).distinct().count(), "each (id, target) once");
    assertTrue(written.stream().allMatch(r -> r.isNullAt(r.fieldIndex("error"))), "no errors");

    // The same items through the eval command's runner: the same answers, in the same columns.
    try (LlamaCppModel model = LlamaCppModel.builder().baseUrl(url).retry(RetrySettings.NONE).build()) {
      Evaluation.builder().items(Dataset.read(data)).target(Target.of(a, model)).out(dir.resolve("local")).build().run();
    }
    Map<String, JsonNode> local = new HashMap<>();
    List<String> columns = null;
    for (String line : Files.readAllLines(dir.resolve("local/results.jsonl"))) {
      JsonNode row = JSON.readTree(line);
      local.put(row.get("id").asText(), row);
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      if (row.get("kind").asText().equals("classify")) {
        columns = names; // a classify row has every field
      }
    }
    assertEquals(columns, List.of(spark.read().parquet(dir.resolve("out.parquet").toString()).columns()));
    for (Row r : written) {
      if (!r.getAs("target").equals(a)) {
        continue;
      }
      JsonNode expected = local.get((String) r.getAs("id"));
      assertEquals(expected.get("kind").asText(), r.getAs("kind"));
      assertEquals(expected.path("text").asText(null), r.getAs("text"), () -> "item " + r.getAs("id"));
      assertEquals(expected.path("predicted").asText(null), r.getAs("predicted"));
      if (expected.get("stats").isObject()) {
        Row stats = r.getAs("stats");
        assertEquals(expected.get("stats").get("perplexity").asDouble(), stats.<Double>getAs("perplexity"), 1e-9);
        assertEquals(expected.get("tokens").size(), r.<scala.collection.Seq<Row>>getAs("tokens").size());
      }
    }
    assertTrue(local.containsKey("3"), "an item without an id is named by its line");
  }

  @Test
  void aDatasetReusingAnIdIsRefusedBeforeAnythingIsSent() throws IOException {
    Path data = Files.write(dir.resolve("dup.jsonl"), List.of("{\"id\": \"x\", \"prompt\": \"a\"}", "{\"id\": \"x\", \"prompt\": \"b\"}"));
    EvalInputException e = assertThrows(EvalInputException.class,
        () -> SparkEvaluation.run(spark, data.toString(), dir.resolve("dup.parquet").toString(), List.of("llamacpp@" + url), 2, 0, 0, 0));
    assertTrue(e.getMessage().contains("reuse an id"), e.getMessage());
  }
}
