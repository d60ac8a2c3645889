package dev.nexttoken.testkit;

import java.util.List;

/** Counts bigrams over the corpus and turns them into the smoothed, tilted distributions the model serves. */
final class Bigrams {
  /**
   * Relative tilt per word index applied to the smoothing pseudo-count: unseen words (and words seen equally often)
   * would otherwise tie exactly, and the server's top-k order between ties is arbitrary.
   */
  private static final double TILT = 1e-3;

  private final KnownAnswerModel model;
  private final List<List<String>> documents;
  private final double smoothing;

  Bigrams(KnownAnswerModel model, List<List<String>> documents, double smoothing) {
    this.model = model;
    this.documents = documents;
    this.smoothing = smoothing;
  }

  /** For each context class, probabilities over the whole vocabulary. */
  double[][] rows() {
    int words = model.wordCount();
    int other = model.classCount() - 1;
    // Outcomes are the words (index 0..words-1) and </s> (index words).
    double[][] counts = new double[model.classCount()][words + 1];
    for (List<String> doc : documents) {
      int previous = KnownAnswerModel.BOS;
      for (String piece : doc) {
        int id = model.idOf(piece);
        counts[model.contextClass(previous)][outcome(id)]++;
        counts[other][outcome(id)]++; // the shared class gets unigram counts
        previous = id;
      }
      counts[model.contextClass(previous)][words]++;
      counts[other][words]++;
    }
    double[][] rows = new double[counts.length][];
    for (int c = 0; c < counts.length; c++) {
      rows[c] = distribution(counts[c]);
    }
    return rows;
  }

  private double[] distribution(double[] counts) {
    int vocab = model.vocabSize();
    double[] weights = new double[counts.length];
    double total = 0;
    for (int o = 0; o < counts.length; o++) {
      weights[o] = counts[o] + smoothing * Math.exp(-TILT * o);
      total += weights[o];
    }
    // Non-words get exactly OTHER_PROBABILITY; the words share what is left.
    double wordMass = 1 - (vocab - counts.length) * KnownAnswerModel.OTHER_PROBABILITY;
    double[] row = new double[vocab];
    for (int id = 0; id < vocab; id++) {
      int o = outcomeOrMinusOne(id);
      row[id] = o < 0 ? KnownAnswerModel.OTHER_PROBABILITY : wordMass * weights[o] / total;
    }
    return row;
  }

  private int outcome(int id) {
    int o = outcomeOrMinusOne(id);
    if (o < 0) {
      throw new IllegalStateException("not a word: " + id);
    }
    return o;
  }

  private int outcomeOrMinusOne(int id) {
    if (id == KnownAnswerModel.EOS) {
      return model.wordCount();
    }
    int o = id - KnownAnswerModel.FIRST_PIECE;
    return o >= 0 && o < model.wordCount() ? o : -1;
  }
}
