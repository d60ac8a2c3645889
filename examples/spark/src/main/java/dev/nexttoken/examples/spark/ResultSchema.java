package dev.nexttoken.examples.spark;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The schema of a {@code results.jsonl} row (see {@code dev.nexttoken.eval}'s row documentation), so
 * that Spark reads each row the runner wrote into the same columns on every partition, with no
 * inference pass and no silently widened type.
 */
final class ResultSchema {
  private ResultSchema() {}

  private static StructField field(String name, DataType type) {
    return createStructField(name, type, true);
  }

  private static final StructType CANDIDATE = createStructType(List.of(field("token", StringType), field("text", StringType),
      field("bytes", createArrayType(IntegerType)), field("id", IntegerType), field("logprob", DoubleType), field("prob", DoubleType)));

  private static final StructType TOKEN = createStructType(List.of(field("position", IntegerType), field("token", StringType),
      field("text", StringType), field("bytes", createArrayType(IntegerType)), field("id", IntegerType), field("logprob", DoubleType),
      field("prob", DoubleType), field("rank", IntegerType), field("top", createArrayType(CANDIDATE)), field("coveredMass", DoubleType),
      field("unseenMass", DoubleType),
      field("entropy", createStructType(List.of(field("lower", DoubleType), field("upper", DoubleType), field("exact", BooleanType))))));

  static final StructType ROW = createStructType(List.of(
      field("id", StringType),
      field("target", StringType),
      field("provider", StringType),
      field("model", StringType),
      field("kind", StringType),
      field("text", StringType),
      field("finishReason", StringType),
      field("usage", createStructType(List.of(field("promptTokens", IntegerType), field("completionTokens", IntegerType),
          field("totalTokens", IntegerType), field("cachedTokens", IntegerType), field("reasoningTokens", IntegerType)))),
      field("latencyMs", LongType),
      field("attempts", IntegerType),
      field("cost", DoubleType),
      field("tokens", createArrayType(TOKEN)),
      field("stats", createStructType(List.of(field("tokens", IntegerType), field("knownLogprobs", IntegerType),
          field("totalLogprob", DoubleType), field("meanLogprob", DoubleType), field("perplexity", DoubleType)))),
      field("labels", createArrayType(createStructType(List.of(field("label", StringType), field("logprob", DoubleType),
          field("probability", DoubleType))))),
      field("method", StringType),
      field("predicted", StringType),
      field("gold", StringType),
      field("correct", BooleanType),
      field("error", createStructType(List.of(field("type", StringType), field("status", IntegerType), field("message", StringType))))));
}
