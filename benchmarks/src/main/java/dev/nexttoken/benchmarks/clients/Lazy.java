package dev.nexttoken.benchmarks.clients;

import java.util.function.Supplier;

/**
 * A value made on first use, once, whichever thread asks first. The clients make their Responses
 * models and parameters this way, so a cold start and every other scenario's fork build none of
 * them (the JVM still loads the model's class when it verifies the client, and initialises nothing).
 */
public final class Lazy<T> implements Supplier<T> {
  private final Supplier<T> make;
  private volatile T value;

  public Lazy(Supplier<T> make) {
    this.make = make;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = make.get();
          value = v;
        }
      }
    }
    return v;
  }

  /** The value if it was made, else null: what a client's {@code close()} has to close. */
  public T made() {
    return value;
  }
}
