package dev.nexttoken.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A bigram language model over a small corpus, packed as a llama GGUF that a real {@code llama-server} serves, so
 * that every probability the server reports is known in advance.
 *
 * <p>The next-token distribution depends only on the previous token. Pieces of the corpus (its words, or the
 * explicit pieces of an answer, see {@link Builder#document}) and {@code </s>} get smoothed bigram probabilities;
 * every other token (bytes, {@code <unk>}, {@code <s>}, prefixes of pieces) gets exactly
 * {@value #OTHER_PROBABILITY}. Ids, texts and bytes are given the way the server reports them: a word piece
 * {@code ▁the} is the token {@code " the"}.
 *
 * <pre>{@code
 * KnownAnswerModel model = KnownAnswerModel.defaultModel();
 * int is = model.tokenId(" is");
 * model.topK(is, 5);                                  // what /completion with n_probs=5 reports after "... is"
 * model.greedyWalk("Weights and Biases is", 8);        // " the machine learning platform for developers." then </s>
 * Path gguf = model.cachedFile();                      // for llama-server -m
 * }</pre>
 *
 * <p>{@link #jsonModel()} answers in JSON and with tool calls, for structured output on the real server.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class KnownAnswerModel {
  /** Probability of every token that is not a corpus word or {@code </s>}. */
  public static final double OTHER_PROBABILITY = 1e-9;

  /** The default corpus: sentences about the lecture this project grew from, one document each. */
  public static final List<String> DEFAULT_CORPUS = List.of(
      "Weights and Biases is the machine learning platform for developers.",
      "Companies like OpenAI, Cohere and Meta train large language models.",
      "A language model predicts the next token.",
      "Every token has a logprob, the logarithm of its probability.",
      "Greedy decoding picks the most likely token.",
      "Developers track experiments with the machine learning platform.",
      "The lecture explains how large language models generate text.",
      "Temperature changes the probability distribution of each token.",
      "Weights and Biases is used to train models for developers.",
      "Researchers at the machine learning conference study language models.",
      "Our machine learning platform for developers helps teams train models.",
      "Perplexity is the exponential of the average negative logprob.",
      "Logprobs show how confident a model is.");

  static final int UNK = 0;
  static final int BOS = 1;
  static final int EOS = 2;
  static final int FIRST_BYTE = 3;
  static final int FIRST_PIECE = FIRST_BYTE + 256;

  // tokenizer.ggml.token_type values.
  static final int TYPE_NORMAL = 1;
  static final int TYPE_UNKNOWN = 2;
  static final int TYPE_CONTROL = 3;
  static final int TYPE_BYTE = 6;

  /** Words are letters and digits after a space; these punctuation marks are pieces of their own. */
  private static final Pattern PIECE = Pattern.compile(SpmTokenizer.SPACE + "[\\p{L}\\p{N}]+|[.,;:!?]");

  private final List<String> corpus;
  private final String chatTemplate;
  private final List<String> pieces;
  private final int[] types;
  private final float[] scores;
  private final Map<String, Integer> ids;
  private final int wordCount; // words occupy ids FIRST_PIECE .. FIRST_PIECE + wordCount - 1
  private final double[][] rows; // per context class, the distribution over the vocabulary
  private final SpmTokenizer tokenizer;
  private volatile Path cachedFile;

  private KnownAnswerModel(List<List<String>> documents, double smoothing, String chatTemplate) {
    this.corpus = documents.stream().map(KnownAnswerModel::text).toList();
    this.chatTemplate = chatTemplate;
    Set<String> words = new LinkedHashSet<>();
    for (List<String> doc : documents) {
      words.addAll(doc);
    }
    this.wordCount = words.size();
    if (classCount() > KnownAnswerGguf.EMBEDDING_LENGTH) {
      throw new IllegalArgumentException("the corpus has " + wordCount + " distinct pieces; at most "
          + (KnownAnswerGguf.EMBEDDING_LENGTH - 2) + " fit the model");
    }
    this.pieces = vocabulary(words);
    this.ids = new HashMap<>();
    this.types = new int[pieces.size()];
    this.scores = new float[pieces.size()];
    for (int id = 0; id < pieces.size(); id++) {
      ids.put(pieces.get(id), id);
      types[id] = id == UNK ? TYPE_UNKNOWN : id < FIRST_BYTE ? TYPE_CONTROL : id < FIRST_PIECE ? TYPE_BYTE : TYPE_NORMAL;
      // Merge priority: shorter pieces merge first, so a word grows one character at a time through its prefixes.
      scores[id] = id < FIRST_PIECE ? 0f : -pieces.get(id).codePointCount(0, pieces.get(id).length());
    }
    this.tokenizer = new SpmTokenizer(ids, scores, FIRST_BYTE);
    this.rows = new Bigrams(this, documents, smoothing).rows();
    for (int d = 0; d < documents.size(); d++) {
      int[] expected = documents.get(d).stream().mapToInt(ids::get).toArray();
      if (!Arrays.equals(tokenize(this.corpus.get(d)), expected)) {
        throw new IllegalArgumentException("corpus text does not tokenize into its pieces " + documents.get(d)
            + " (a piece is merged across its neighbours, or the text does not start with a space-led word): "
            + this.corpus.get(d));
      }
    }
  }

  /** The model built from {@link #DEFAULT_CORPUS}. */
  public static KnownAnswerModel defaultModel() {
    return DefaultHolder.MODEL;
  }

  /**
   * The model for structured output: JSON answers and tool calls, with a tool-capable chat template; see
   * {@link JsonCorpus} for its prompts, schema and tools. Serve it with {@link LlamaServer.Builder#jinja()}.
   */
  public static KnownAnswerModel jsonModel() {
    return JsonHolder.MODEL;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The corpus the model was built from. */
  public List<String> corpus() {
    return corpus;
  }

  /** All pieces, indexed by token id, as stored in the GGUF ({@code ▁} for a space, {@code <0x41>} for bytes). */
  public List<String> vocabulary() {
    return pieces;
  }

  public int vocabSize() {
    return pieces.size();
  }

  public int bosId() {
    return BOS;
  }

  public int eosId() {
    return EOS;
  }

  /** Id of a vocabulary piece ({@code "▁the"}) or of a token's text as the server reports it ({@code " the"}). */
  public int tokenId(String pieceOrText) {
    Integer id = ids.get(pieceOrText);
    if (id == null) {
      id = ids.get(pieceOrText.replace(" ", SpmTokenizer.SPACE));
    }
    if (id == null) {
      throw new IllegalArgumentException("not a token of this model: '" + pieceOrText + "'");
    }
    return id;
  }

  /**
   * The token's text as llama-server reports it: {@code ▁} becomes a space; {@code <unk>}, {@code <s>} and
   * {@code </s>} are empty. A byte token is its character when ASCII; a lone UTF-8 lead byte (0xC0-0xF7) is cut by
   * the server to {@code ""}, and any other byte is sent as U+FFFD (measured on llama.cpp build 11669).
   */
  public String tokenText(int id) {
    byte[] bytes = tokenBytes(id);
    if (types[id] == TYPE_BYTE) {
      int b = bytes[0] & 0xFF;
      return b < 0x80 ? String.valueOf((char) b) : b >= 0xC0 && b <= 0xF7 ? "" : "\uFFFD";
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The raw bytes of the token's piece, as in the server's {@code bytes} field (empty for specials). */
  public byte[] tokenBytes(int id) {
    checkId(id);
    return switch (types[id]) {
      case TYPE_BYTE -> new byte[] {(byte) (id - FIRST_BYTE)};
      case TYPE_NORMAL -> piece(id).replace(SpmTokenizer.SPACE, " ").getBytes(StandardCharsets.UTF_8);
      default -> new byte[0];
    };
  }

  /** The exact next-token distribution after {@code previousTokenId}; the array sums to 1. */
  public double[] nextTokenProbabilities(int previousTokenId) {
    checkId(previousTokenId);
    return rows[contextClass(previousTokenId)].clone();
  }

  /** The distribution of the first generated token, after {@code <s>} alone. */
  public double[] firstTokenProbabilities() {
    return nextTokenProbabilities(BOS);
  }

  public double logprob(int previousTokenId, int nextTokenId) {
    checkId(previousTokenId);
    checkId(nextTokenId);
    return Math.log(rows[contextClass(previousTokenId)][nextTokenId]);
  }

  /** The {@code k} most likely next tokens, most likely first (ties, only among non-words, by id). */
  public List<Candidate> topK(int previousTokenId, int k) {
    double[] row = rows[contextClass(previousTokenId)];
    return IntStream.range(0, row.length).boxed()
        .sorted(Comparator.<Integer>comparingDouble(j -> -row[j]).thenComparing(j -> j))
        .limit(k)
        .map(j -> candidate(j, row[j]))
        .toList();
  }

  public int argmax(int previousTokenId) {
    return topK(previousTokenId, 1).get(0).id();
  }

  /** The ids llama-server's {@code /tokenize} returns for {@code text} (no {@code <s>}). */
  public int[] tokenize(String text) {
    return tokenizer.tokenize(text);
  }

  /**
   * The tokens a greedy decoder picks after {@code prompt} (which the server prefixes with {@code <s>}), with their
   * logprobs; at most {@code steps}, ending early with {@code </s>} included, as the server stops there.
   */
  public List<Candidate> greedyWalk(String prompt, int steps) {
    return greedyWalk(prompt, steps, Map.of());
  }

  /**
   * The greedy walk with {@code logit_bias}: each step picks the token whose logit plus bias is highest (the bias
   * applies at every step), and reports its logprob without the bias, as the server does.
   *
   * @param logitBias added to the log-probability of each token id named
   */
  public List<Candidate> greedyWalk(String prompt, int steps, Map<Integer, Double> logitBias) {
    logitBias.keySet().forEach(this::checkId);
    int[] prompted = tokenize(prompt);
    int previous = prompted.length == 0 ? BOS : prompted[prompted.length - 1];
    List<Candidate> walk = new ArrayList<>();
    for (int i = 0; i < steps && previous != EOS; i++) {
      double[] row = rows[contextClass(previous)];
      int next = 0;
      double best = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < row.length; j++) {
        double biased = Math.log(row[j]) + logitBias.getOrDefault(j, 0.0);
        if (biased > best) { // strictly greater: the lowest id on ties, as topK orders them
          best = biased;
          next = j;
        }
      }
      walk.add(candidate(next, row[next]));
      previous = next;
    }
    return walk;
  }

  /**
   * The ids of {@code continuation} as a server scoring it after {@code prompt} sees them: {@code prompt + continuation}
   * tokenized together, less the prompt's own tokens. A token that starts in the prompt and ends in the continuation
   * belongs to the continuation.
   */
  public int[] continuationIds(String prompt, String continuation) {
    int[] whole = tokenize(prompt + continuation);
    int[] alone = tokenize(prompt);
    int shared = 0;
    while (shared < alone.length && shared < whole.length && alone[shared] == whole[shared]) {
      shared++;
    }
    return Arrays.copyOfRange(whole, shared, whole.length);
  }

  /** {@code log P(continuation | prompt)}: each token of {@link #continuationIds} after the one before it ({@code <s>} first). */
  public double logprob(String prompt, String continuation) {
    int[] whole = tokenize(prompt + continuation);
    int[] ids = continuationIds(prompt, continuation);
    int start = whole.length - ids.length;
    int previous = start == 0 ? BOS : whole[start - 1];
    double total = 0;
    for (int id : ids) {
      total += logprob(previous, id);
      previous = id;
    }
    return total;
  }

  /** The id of the last token of {@code prompt}, which the first generated token follows ({@code <s>} for an empty prompt). */
  public int lastId(String prompt) {
    int[] ids = tokenize(prompt);
    return ids.length == 0 ? BOS : ids[ids.length - 1];
  }

  /**
   * The Jinja chat template embedded in the GGUF: by default the plain concatenation of message contents, so a chat
   * prompt is the same text as a completion prompt.
   */
  public String chatTemplate() {
    return chatTemplate;
  }

  /** Writes the model as a GGUF file. */
  public Path writeTo(Path file) {
    return KnownAnswerGguf.writer(this).writeTo(file);
  }

  /**
   * The model's GGUF in the nexttoken cache folder ({@code models/known-answer-<hash>.gguf}), written on first use.
   * The name carries a hash of the content, so parallel JVMs and different corpora never clash.
   */
  public Path cachedFile() {
    Path file = cachedFile;
    if (file == null) {
      file = KnownAnswerGguf.cache(this, CacheDirectory.root().resolve("models"));
      cachedFile = file;
    }
    return file;
  }

  /** One token with the logprob the model gives it. */
  public record Candidate(int id, String token, double logprob) {
    public double probability() {
      return Math.exp(logprob);
    }
  }

  /**
   * Builds a model from documents: sentences (words separated by single spaces, punctuation attached), or a prompt
   * followed by an answer given as explicit pieces. Without any document, the {@link #DEFAULT_CORPUS}.
   */
  public static final class Builder {
    private final List<List<String>> documents = new ArrayList<>();
    private double smoothing = 0.01;
    private String chatTemplate = KnownAnswerGguf.CHAT_TEMPLATE;

    private Builder() {}

    /** Adds each text as one document: it starts after {@code <s>} and is followed by {@code </s>}. */
    public Builder corpus(List<String> texts) {
      if (texts.isEmpty()) {
        throw new IllegalArgumentException("corpus must not be empty");
      }
      texts.forEach(t -> documents.add(sentencePieces(t)));
      return this;
    }

    /**
     * Adds one document: {@code prompt} (a sentence, split into words) directly followed by {@code answer}, one
     * piece per element, in the text the server reports ({@code " York"} for the piece {@code ▁York}). Explicit
     * pieces let an answer be tokenized as a model would write it, e.g. JSON as <code>&#123;"city":"</code>, {@code Oslo},
     * {@code ","country":"}: each piece becomes a token, and the bigram model's greedy walk follows the answer as
     * long as each piece has one most frequent successor. The text must tokenize back into exactly these pieces.
     */
    public Builder document(String prompt, String... answer) {
      List<String> doc = new ArrayList<>(sentencePieces(prompt));
      for (String piece : answer) {
        if (piece.isEmpty()) {
          throw new IllegalArgumentException("answer pieces must not be empty: " + List.of(answer));
        }
        doc.add(piece.replace(" ", SpmTokenizer.SPACE));
      }
      documents.add(doc);
      return this;
    }

    /** The Jinja chat template to embed in the GGUF ({@code tokenizer.chat_template}). */
    public Builder chatTemplate(String template) {
      if (template == null || template.isBlank()) {
        throw new IllegalArgumentException("chatTemplate must not be blank");
      }
      this.chatTemplate = template;
      return this;
    }

    /**
     * Pseudo-count added to every word after every context, so every word has p > 0; default 0.01,
     * which leaves 0.13–0.27 of each step's mass to words other than the corpus continuations (0.05
     * left 0.42–0.49: flatter than a real model's distributions).
     */
    public Builder smoothing(double pseudoCount) {
      if (!(pseudoCount > 0)) {
        throw new IllegalArgumentException("smoothing must be positive, was " + pseudoCount);
      }
      this.smoothing = pseudoCount;
      return this;
    }

    public KnownAnswerModel build() {
      List<List<String>> docs = documents.isEmpty()
          ? DEFAULT_CORPUS.stream().map(KnownAnswerModel::sentencePieces).toList()
          : List.copyOf(documents);
      return new KnownAnswerModel(docs, smoothing, chatTemplate);
    }
  }

  // --- package-private view for Bigrams and KnownAnswerGguf ---

  int wordCount() {
    return wordCount;
  }

  /** Context classes: one per word, then {@code <s>}, then one shared by every other token. */
  int classCount() {
    return wordCount + 2;
  }

  int contextClass(int id) {
    if (id >= FIRST_PIECE && id < FIRST_PIECE + wordCount) {
      return id - FIRST_PIECE;
    }
    return id == BOS ? wordCount : wordCount + 1;
  }

  int[] tokenTypes() {
    return types.clone();
  }

  float[] scores() {
    return scores.clone();
  }

  int idOf(String piece) {
    return ids.get(piece);
  }

  double[][] rows() {
    return rows;
  }

  private String piece(int id) {
    return pieces.get(id);
  }

  private Candidate candidate(int id, double probability) {
    return new Candidate(id, tokenText(id), Math.log(probability));
  }

  private void checkId(int id) {
    if (id < 0 || id >= pieces.size()) {
      throw new IllegalArgumentException("token id " + id + " outside 0.." + (pieces.size() - 1));
    }
  }

  /** A document's text: its pieces joined, spaces for {@code ▁}, without the space the tokenizer puts in front. */
  private static String text(List<String> pieces) {
    String text = String.join("", pieces).replace(SpmTokenizer.SPACE, " ");
    return text.startsWith(" ") ? text.substring(1) : text;
  }

  private static List<String> sentencePieces(String text) {
    String escaped = SpmTokenizer.SPACE + text.replace(" ", SpmTokenizer.SPACE);
    Matcher m = PIECE.matcher(escaped);
    List<String> out = new ArrayList<>();
    int end = 0;
    while (m.find() && m.start() == end) {
      out.add(m.group());
      end = m.end();
    }
    if (end != escaped.length() || out.isEmpty()) {
      throw new IllegalArgumentException("corpus text must be words (letters, digits) separated by single spaces, "
          + "with . , ; : ! ? attached to the word before: '" + text + "'");
    }
    return out;
  }

  private static List<String> vocabulary(Set<String> words) {
    Set<String> vocab = new LinkedHashSet<>(List.of("<unk>", "<s>", "</s>"));
    for (int b = 0; b < 256; b++) {
      vocab.add(String.format("<0x%02X>", b));
    }
    vocab.addAll(words);
    // llama.cpp's SPM only merges neighbours whose concatenation is a piece, so every prefix must be one too.
    for (String word : words) {
      for (int i = word.offsetByCodePoints(0, 1); i < word.length(); i = word.offsetByCodePoints(i, 1)) {
        vocab.add(word.substring(0, i));
      }
    }
    return List.copyOf(vocab);
  }

  private static final class DefaultHolder {
    static final KnownAnswerModel MODEL = builder().build();
  }

  private static final class JsonHolder {
    static final KnownAnswerModel MODEL = JsonCorpus.build();
  }

  @Override
  public String toString() {
    return "KnownAnswerModel[" + corpus.size() + " texts, " + wordCount + " words, vocab " + vocabSize() + "]";
  }
}
