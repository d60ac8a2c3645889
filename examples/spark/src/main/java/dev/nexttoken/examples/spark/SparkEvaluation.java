package dev.nexttoken.examples.spark;

import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.eval.Dataset;
import dev.nexttoken.eval.EvalInputException;
import dev.nexttoken.eval.EvalItem;
import dev.nexttoken.eval.PriceTable;
import dev.nexttoken.eval.Target;
import dev.nexttoken.eval.TargetLimits;
import dev.nexttoken.eval.TargetRunner;
import dev.nexttoken.eval.TargetSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The {@code eval} command's dataset as a Spark job, for when one machine is not enough: each
 * partition opens one model per target, runs its items through a {@link TargetRunner} (the same
 * pace, retries, retry budget and rows as {@code nexttoken eval}), and the rows, read with
 * {@code results.jsonl}'s schema, are written to Parquet.
 *
 * <pre>
 * spark-submit --class dev.nexttoken.examples.spark.SparkEvaluation app.jar \
 *     items.jsonl out.parquet --target vllm:qwen@http://gpu-box:8000/v1 --concurrency 4 --partitions 64
 * </pre>
 *
 * <p>Concurrency is per task: an executor running {@code C} tasks at once sends at most
 * {@code C × concurrency} requests per target, and {@code --rps}/{@code --tpm} hold per task as well,
 * so divide a provider's limit by the number of tasks that run at once. Nothing is shared between
 * tasks (no static state): a retried task starts with a fresh budget and writes its rows again, which
 * Spark's output commit keeps exactly once. Ids given twice are refused before anything is sent.
 */
public final class SparkEvaluation {
  private SparkEvaluation() {}

  /** {@code DATASET OUT --target T [--target T ...] [--concurrency N] [--rps R] [--tpm T] [--partitions P]}. */
  public static void main(String[] args) {
    if (args.length < 4) {
      System.err.println("usage: SparkEvaluation DATASET.jsonl OUT.parquet --target PROVIDER[:MODEL][@BASE_URL] ... "
          + "[--concurrency N] [--rps R] [--tpm T] [--partitions P]");
      System.exit(2);
    }
    List<String> targets = new ArrayList<>();
    int concurrency = 4;
    double rps = 0;
    double tpm = 0;
    int partitions = 0;
    for (int i = 2; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new EvalInputException(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--target" -> targets.add(value);
        case "--concurrency" -> concurrency = Integer.parseInt(value);
        case "--rps" -> rps = Double.parseDouble(value);
        case "--tpm" -> tpm = Double.parseDouble(value);
        case "--partitions" -> partitions = Integer.parseInt(value);
        default -> throw new EvalInputException("unknown option " + args[i]);
      }
    }
    SparkSession spark = SparkSession.builder().appName("nexttoken eval").getOrCreate();
    try {
      long rows = run(spark, args[0], args[1], targets, concurrency, rps, tpm, partitions);
      System.err.println("nexttoken eval: " + rows + " rows written to " + args[1]);
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs every item of {@code dataset} on every target and writes the rows to {@code out} as Parquet
   * (refused if {@code out} exists). Returns the number of rows: items × targets.
   *
   * @param partitions how many partitions to spread the items over, or 0 to keep the input's
   */
  public static long run(SparkSession spark, String dataset, String out, List<String> targets, int concurrency, double rps, double tpm,
      int partitions) {
    if (targets.isEmpty()) {
      throw new EvalInputException("at least one --target is needed");
    }
    for (String t : targets) {
      TargetSpec.parse(t); // refused here, on the driver, rather than in every task
    }
    TargetLimits.DEFAULT.withConcurrency(concurrency).withRates(rps, tpm); // likewise for the limits
    JavaRDD<Tuple2<String, Long>> lines = spark.read().textFile(dataset).javaRDD().zipWithIndex()
        .filter(t -> !t._1().isBlank()).map(t -> t);
    long items = lines.count();
    long ids = lines.map(t -> Dataset.parseLine(t._1(), (int) (t._2() + 1), dataset).id()).distinct().count();
    if (ids != items) {
      throw new EvalInputException(dataset + ": " + (items - ids) + " item(s) reuse an id; rows are keyed by (id, target), so ids must be unique");
    }
    if (partitions > 0) {
      lines = lines.repartition(partitions);
    }
    JavaRDD<String> rows = lines.mapPartitions(new Partition(dataset, new ArrayList<>(targets), concurrency, rps, tpm));
    spark.read().schema(ResultSchema.ROW).option("mode", "FAILFAST") // a row that does not fit fails the job, never becomes nulls
        .json(spark.createDataset(rows.rdd(), Encoders.STRING())).write().parquet(out);
    return items * targets.size();
  }

  /** One task: one model per target, the partition's items on each, rows in item order per target. */
  private record Partition(String dataset, ArrayList<String> targets, int concurrency, double rps, double tpm)
      implements FlatMapFunction<Iterator<Tuple2<String, Long>>, String> {
    @Override
    public Iterator<String> call(Iterator<Tuple2<String, Long>> lines) {
      List<EvalItem> items = new ArrayList<>();
      while (lines.hasNext()) {
        Tuple2<String, Long> line = lines.next();
        items.add(Dataset.parseLine(line._1(), (int) (line._2() + 1), dataset));
      }
      List<String> rows = new ArrayList<>(items.size() * targets.size());
      TargetLimits limits = TargetLimits.DEFAULT.withConcurrency(concurrency).withRates(rps, tpm);
      for (String name : targets) {
        TargetSpec spec = TargetSpec.parse(name);
        try (LanguageModel model = TargetModels.open(spec, Environment.system())) {
          Target target = new Target(spec.label(), model.provider(), spec.model(), model, limits);
          rows.addAll(new TargetRunner(target, PriceTable.builtIn()).runAll(items));
        }
      }
      return rows.iterator();
    }
  }
}
