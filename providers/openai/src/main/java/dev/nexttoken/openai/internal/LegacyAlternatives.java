package dev.nexttoken.openai.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One position of a legacy answer's {@code top_logprobs} ({@code {token: logprob}}) as the byte
 * scanner reads it: tokens and logprobs in two arrays in the order sent, a token sent twice keeping
 * its first place and its last value, as the {@code LinkedHashMap} databind reads into does. A
 * read-only map to everything else; {@link LogprobMapper} reads the arrays.
 *
 * <p>Why not a LinkedHashMap: one per position (its table, its entries and the boxed logprobs) was
 * a quarter of a legacy call's allocation (issue 20), for five or so entries looked up never.
 */
final class LegacyAlternatives extends AbstractMap<String, Double> {
  /** Past this many the duplicate check (a linear search) would cost more than it saves: the scan gives up. */
  static final int MAX_ENTRIES = 64;

  private String[] tokens = new String[8];
  /** NaN stands for a null logprob (JSON has no NaN). */
  private double[] logprobs = new double[8];
  private int size;

  /**
   * Adds {@code token}, or gives it its new logprob if it is here already.
   *
   * @return false when the map is full ({@link #MAX_ENTRIES}) and the token was not added
   */
  boolean add(String token, double logprob) {
    for (int i = 0; i < size; i++) {
      if (tokens[i].equals(token)) {
        logprobs[i] = logprob;
        return true;
      }
    }
    if (size == MAX_ENTRIES) {
      return false;
    }
    if (size == tokens.length) {
      tokens = Arrays.copyOf(tokens, size * 2);
      logprobs = Arrays.copyOf(logprobs, size * 2);
    }
    tokens[size] = token;
    logprobs[size++] = logprob;
    return true;
  }

  @Override
  public int size() {
    return size;
  }

  String token(int i) {
    return tokens[i];
  }

  /** The logprob of entry {@code i}, NaN for null. */
  double logprob(int i) {
    return logprobs[i];
  }

  @Override
  public Set<Entry<String, Double>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Entry<String, Double>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<String, Double> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            double value = logprobs[next];
            return new SimpleImmutableEntry<>(tokens[next++], Double.isNaN(value) ? null : value);
          }
        };
      }
    };
  }
}
